using System.Collections.Immutable;
using VrrpLab.Engine.StateMachine;
using static VrrpLab.Tests.Shared.TestAddresses;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>How the daemon carries out the engine's effects on the host.</summary>
public sealed class EffectPerformerTests
{
    private static readonly VirtualAddress VipEntry = VirtualAddress.Host(Vip);

    private static (EffectPerformer Performer, FakePorts Ports) Make()
    {
        var ports = new FakePorts();
        return (new EffectPerformer(ports, ports, ports, ports, ports.Log, new DaemonCounters()), ports);
    }

    private static Advertisement Advert(byte priority) =>
        new(VrrpVersion.V2, 151, priority, Duration.FromSeconds(1), [Vip], AuthType.SimpleText, "1111");

    [Test]
    public void Advert_payload_goes_out_unchanged_on_the_instance_interface()
    {
        var (performer, ports) = Make();
        byte[] payload = [0x21, 0x97, 0x64, 0x01];
        performer.Perform([new SendAdvertisement("VI_1", "eth0", IPAddress.Parse("10.0.0.11"), IPAddress.Parse("224.0.0.18"), Advert(100), payload)], Instant.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(ports.Calls, Is.EqualTo(new[] { "send eth0 10.0.0.11>224.0.0.18" }));
            Assert.That(ports.Sent.Single(), Is.EqualTo(payload));
            Assert.That(performer.Counters.AdvertsSent, Is.EqualTo(1));
        });
    }

    [Test]
    public void Send_failures_are_counted_and_logged_at_most_once_per_window()
    {
        var (performer, ports) = Make();
        ports.SendResult = SocketError.NetworkUnreachable;
        var send = new SendAdvertisement("VI_1", "eth0", IPAddress.Parse("10.0.0.11"), IPAddress.Parse("224.0.0.18"), Advert(100), [1]);
        for (int s = 0; s < 5; s++)
        {
            performer.Perform([send], new Instant(s * 1_000_000L));
        }

        Assert.Multiple(() =>
        {
            Assert.That(performer.Counters.SendErrors, Is.EqualTo(5));
            Assert.That(ports.LogLines.Count(l => l.Contains("cannot send advert", StringComparison.Ordinal)), Is.EqualTo(1));
        });
    }

    [Test]
    public void Adding_a_vip_that_is_already_there_is_not_an_error()
    {
        var (performer, ports) = Make();
        ports.AddressErrno["add 10.0.0.100/32"] = 17; // EEXIST
        performer.Perform([new AddVirtualAddress("VI_1", "eth0", VipEntry)], Instant.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(ports.Calls, Is.EqualTo(new[] { "add 10.0.0.100/32 eth0" }));
            Assert.That(ports.LogLines, Is.Empty);
        });
    }

    [Test]
    public void Removing_a_vip_that_is_gone_is_not_an_error_but_other_failures_are_logged()
    {
        var (performer, ports) = Make();
        ports.AddressErrno["del 10.0.0.100/32"] = 99; // EADDRNOTAVAIL
        performer.Perform([new RemoveVirtualAddress("VI_1", "eth0", VipEntry)], Instant.Zero);
        Assert.That(ports.LogLines, Is.Empty);

        ports.AddressErrno["del 10.0.0.100/32"] = 1; // EPERM
        performer.Perform([new RemoveVirtualAddress("VI_1", "eth0", VipEntry)], Instant.Zero);
        Assert.That(ports.LogLines.Single(), Does.StartWith("(VI_1) cannot remove 10.0.0.100/32 from eth0"));
    }

    [Test]
    public void Gratuitous_arps_are_sent_with_the_engines_count_on_its_interface()
    {
        var (performer, ports) = Make();
        performer.Perform([new SendGratuitousArp("VI_1", "eth0", Vip, 5)], Instant.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(ports.Calls, Is.EqualTo(new[] { "garp eth0 10.0.0.100 x5" }));
            Assert.That(performer.Counters.GratuitousArpsSent, Is.EqualTo(5));
        });
    }

    [Test]
    public void Engine_log_lines_are_written_verbatim_in_order()
    {
        var (performer, ports) = Make();
        performer.Perform([new LogLine("(VI_1) Entering MASTER STATE"), new LogLine("(VI_1) setting VIPs.")], Instant.Zero);
        Assert.That(ports.LogLines, Is.EqualTo(new[] { "(VI_1) Entering MASTER STATE", "(VI_1) setting VIPs." }));
    }

    [Test]
    public void A_flood_of_spoofed_packets_logs_one_line_per_window_and_counts_every_one()
    {
        var (performer, ports) = Make();
        for (int n = 0; n < 1000; n++)
        {
            performer.Perform(
                [new LogLine("(VI_1) invalid TTL/HL. Received 254 and expect 255"), new AdvertisementDropped("VI_1", "eth0", Peer, AdvertDropReason.BadTtl)],
                new Instant(n * 1000L));
        }

        Assert.Multiple(() =>
        {
            Assert.That(ports.LogLines, Is.EqualTo(new[] { "(VI_1) invalid TTL/HL. Received 254 and expect 255" }));
            Assert.That(performer.Counters.Drops[AdvertDropReason.BadTtl], Is.EqualTo(1000));
        });
    }

    [Test]
    public void Log_lines_outside_a_drop_are_never_rate_limited()
    {
        var (performer, ports) = Make();
        for (int n = 0; n < 3; n++)
        {
            performer.Perform([new LogLine("(VI_1) Entering BACKUP STATE")], Instant.Zero);
        }

        Assert.That(ports.LogLines, Has.Length.EqualTo(3));
    }

    [Test]
    public void Malformed_packets_are_logged_by_the_daemon_since_the_engine_does_not()
    {
        var (performer, ports) = Make();
        performer.Perform([new AdvertisementDropped(null, "eth0", Peer, AdvertDropReason.TooShort)], Instant.Zero);
        Assert.That(ports.LogLines.Single(), Is.EqualTo("discarded malformed VRRP packet from 10.0.0.12 on eth0: TooShort"));
    }

    [Test]
    public void Scripts_and_notify_scripts_are_started_with_keepalived_arguments()
    {
        var (performer, ports) = Make();
        performer.Perform(
            [
                new RunScript("chk_nginx", "/data/shell/check_nginx_status.sh"),
                new RunNotify("VI_1", "/etc/keepalived/notify.sh", ImmutableArray.Create("INSTANCE", "VI_1", "MASTER", "100")),
            ],
            Instant.Zero);
        Assert.That(ports.Calls, Is.EqualTo(new[]
        {
            "check chk_nginx: /data/shell/check_nginx_status.sh",
            "notify /etc/keepalived/notify.sh INSTANCE VI_1 MASTER 100",
        }));
    }
}
