using VrrpLab.Lab.Observing;

namespace VrrpLab.Lab.Tests;

/// <summary>The lab reads what its tools and daemons print; these are their real lines (keepalived 2.2.7, iproute2, iputils, tcpdump 4.99).</summary>
public class LineParserTests
{
    [Test]
    public void Keepalived_and_vrrplab_state_lines_give_instance_and_state()
    {
        Assert.That(LineParsers.State("Sat Dec  5 05:22:16 2026: (VI_1) Entering BACKUP STATE (init)"), Is.EqualTo(new StateLine("VI_1", VrrpState.Backup)));
        Assert.That(LineParsers.State("Sat Dec  5 05:22:19 2026: (VI_1) Entering MASTER STATE"), Is.EqualTo(new StateLine("VI_1", VrrpState.Master)));
        Assert.That(LineParsers.State("(VI_ext) Entering FAULT STATE"), Is.EqualTo(new StateLine("VI_ext", VrrpState.Fault)));
        // keepalived 2.2.7 starting with its interface down says it in lower case.
        Assert.That(LineParsers.State("Sat Dec  5 06:23:30 2026: (VI_1) entering FAULT state"), Is.EqualTo(new StateLine("VI_1", VrrpState.Fault)));
        Assert.That(LineParsers.State("Sat Dec  5 05:22:26 2026: (VI_1) sent 0 priority"), Is.Null);
        Assert.That(LineParsers.SentPriorityZero("Sat Dec  5 05:22:26 2026: (VI_1) sent 0 priority", out string inst), Is.True);
        Assert.That(inst, Is.EqualTo("VI_1"));
    }

    [Test]
    public void Address_monitor_lines_give_additions_and_deletions()
    {
        AddressLine? add = LineParsers.Address(@"[2026-12-05T05:23:34.396449] 2: ens32    inet 192.168.179.199/32 scope global ens32\       valid_lft forever preferred_lft forever");
        AddressLine? del = LineParsers.Address(@"[2026-12-05T05:23:34.408396] Deleted 2: ens32    inet 192.168.179.199/32 scope global ens32\       valid_lft forever preferred_lft forever");
        Assert.That(add, Is.Not.Null);
        Assert.That(add!.Value.Added, Is.True);
        Assert.That(add.Value.Interface, Is.EqualTo("ens32"));
        Assert.That(add.Value.Address, Is.EqualTo(IPAddress.Parse("192.168.179.199")));
        Assert.That(del!.Value.Added, Is.False);
        Assert.That(del.Value.UnixUs - add.Value.UnixUs, Is.EqualTo(11_947));
    }

    [Test]
    public void Neighbour_monitor_lines_give_the_mac_and_state()
    {
        NeighbourLine? r = LineParsers.Neighbour("[2026-12-05T05:09:15.085316] 10.0.0.100 dev eth0 lladdr 9E:6a:fc:f4:f0:21 REACHABLE");
        NeighbourLine? s = LineParsers.Neighbour("[2026-12-05T05:09:16.000001] 10.0.0.100 dev eth0 lladdr 9e:6a:fc:f4:f0:22 STALE");
        NeighbourLine? i = LineParsers.Neighbour("[2026-12-05T05:09:15.000000] 10.0.0.100 dev eth0  INCOMPLETE");
        NeighbourLine? d = LineParsers.Neighbour("[2026-12-05T05:09:17.000000] Deleted 10.0.0.100 dev eth0 lladdr 9e:6a:fc:f4:f0:22 STALE");
        Assert.That(r!.Value.Mac, Is.EqualTo("9e:6a:fc:f4:f0:21"));
        Assert.That(r.Value.State, Is.EqualTo("REACHABLE"));
        Assert.That(s!.Value.State, Is.EqualTo("STALE"));
        Assert.That(i!.Value.Mac, Is.Null);
        Assert.That(i.Value.State, Is.EqualTo("INCOMPLETE"));
        Assert.That(d!.Value.Deleted, Is.True);
    }

    [Test]
    public void Ping_replies_and_tcpdump_adverts_keep_their_microseconds()
    {
        Assert.That(LineParsers.PingReply("[1796447355.085112] 64 bytes from 10.0.0.100: icmp_seq=1 ttl=64 time=0.132 ms"), Is.EqualTo(1796447355_085112L));
        Assert.That(LineParsers.PingReply("From 10.0.0.254 icmp_seq=3 Destination Host Unreachable"), Is.Null);
        WireAdvert? a = LineParsers.Advert("1796447355.085112 IP 192.168.179.103 > 224.0.0.18: VRRPv2, Advertisement, vrid 151, prio 100, authtype simple, intvl 5s, length 20");
        WireAdvert? z = LineParsers.Advert("1796447356.5 IP 192.168.179.103 > 224.0.0.18: VRRPv2, Advertisement, vrid 151, prio 0, authtype simple, intvl 5s, length 20");
        Assert.That(a, Is.EqualTo(new WireAdvert(1796447355_085112L, IPAddress.Parse("192.168.179.103"), 151, 100)));
        Assert.That(z!.Value.Priority, Is.Zero);
        Assert.That(z.Value.UnixUs, Is.EqualTo(1796447356_500000L));
    }

    [Test]
    public void Reports_joining_the_vrrp_group_give_the_kernel_stamp_and_the_sender()
    {
        // tcpdump 4.99 with LineParsers.CaptureFilter (which keeps only to_ex of 224.0.0.18 / ff02::12), real lines.
        Assert.That(LineParsers.Join("1796476104.389050 IP 10.9.0.1 > 224.0.0.22: igmp v3 report, 1 group record(s)"),
            Is.EqualTo(new WireJoin(1796476104_389050L, IPAddress.Parse("10.9.0.1"))));
        Assert.That(LineParsers.Join("1796476104.389071 IP6 fe80::fc0c:64ff:fed2:e270 > ff02::16: HBH ICMP6, multicast listener report v2, 1 group record(s), length 28"),
            Is.EqualTo(new WireJoin(1796476104_389071L, IPAddress.Parse("fe80::fc0c:64ff:fed2:e270"))));
        Assert.That(LineParsers.Join("1796447355.085112 IP 192.168.179.103 > 224.0.0.18: VRRPv2, Advertisement, vrid 151, prio 100, authtype simple, intvl 5s, length 20"), Is.Null);
        Assert.That(LineParsers.Join("1796476048.761093 IP6 fe80::1458:6aff:fef2:4be1 > ff02::2: ICMP6, router solicitation, length 16"), Is.Null);
    }

    [Test]
    public void Any_datagram_to_the_vrrp_group_is_a_wire_packet_garbage_included()
    {
        Assert.That(LineParsers.Vrrp("1796447355.085112 IP 10.0.0.254 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 100, authtype none, intvl 1s, length 20"),
            Is.EqualTo(new WirePacket(1796447355_085112L, IPAddress.Parse("10.0.0.254"))));
        Assert.That(LineParsers.Vrrp("1796447355.090000 IP 10.0.0.254 > 224.0.0.18:  ip-proto-112 3")!.Value.UnixUs, Is.EqualTo(1796447355_090000L));
        Assert.That(LineParsers.Vrrp("1796447355.095000 IP 10.0.0.254 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 7 [|vrrp]")!.Value.Source, Is.EqualTo(IPAddress.Parse("10.0.0.254")));
        Assert.That(LineParsers.Vrrp("1796476104.389050 IP 10.9.0.1 > 224.0.0.22: igmp v3 report, 1 group record(s)"), Is.Null);
    }

    [Test]
    public void Echo_replies_captured_on_the_client_give_the_kernel_stamp_and_source()
    {
        Assert.That(LineParsers.EchoReply("1796447355.085112 IP 10.0.0.100 > 10.0.0.254: ICMP echo reply, id 4, seq 12, length 64"),
            Is.EqualTo((1796447355_085112L, IPAddress.Parse("10.0.0.100"))));
        Assert.That(LineParsers.EchoReply("1796447355.5 IP6 2001:db8::64 > 2001:db8::fe: ICMP6, echo reply, id 4, seq 1, length 64")!.Value.Source,
            Is.EqualTo(IPAddress.Parse("2001:db8::64")));
        Assert.That(LineParsers.EchoReply("1796447355.085112 IP 10.0.0.254 > 10.0.0.100: ICMP echo request, id 4, seq 12, length 64"), Is.Null);
        Assert.That(LineParsers.Echo("1796447355.085112 IP 10.0.0.254 > 10.0.0.100: ICMP echo request, id 4, seq 12, length 64"),
            Is.EqualTo(new EchoPacket(1796447355_085112L, IPAddress.Parse("10.0.0.254"), IPAddress.Parse("10.0.0.100"), false, 12)));
    }

    [Test]
    public void Wall_clock_stamps_map_onto_the_monotonic_axis_one_to_one()
    {
        var clock = new LabClock();
        Assert.That(clock.FromUnixUs(2_000_500) - clock.FromUnixUs(1_000_000), Is.EqualTo(1_000_500));
        long nowUnix = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        Assert.That(Math.Abs(clock.FromUnixUs(nowUnix) - clock.NowUs), Is.LessThan(50_000), "the anchor pairs the two clocks");
    }
}
