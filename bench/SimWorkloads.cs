using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Bench;

/// <summary>
/// The simulator workloads of issue 4's performance targets, built in code (no file or
/// keepalived.conf parsing inside the measured loop).
/// </summary>
public static class SimWorkloads
{
    /// <summary>
    /// The seed scenario: the article's pair (VRID 151, priorities 100 nopreempt / 50, PASS 1111,
    /// VIP 192.168.179.199) with advert_int 1 s, 300 s simulated: both start at 0s, keepalived on
    /// server1 is stopped at 100s (the article's check script) and started again at 200s.
    /// </summary>
    public static Scenario SeedScenario() => new()
    {
        Name = "bench-seed",
        Duration = Duration.FromSeconds(300),
        Autostart = true,
        Segments = [new SegmentSpec("lan179", Duration.FromMicroseconds(100), Duration.Zero, Rate.Zero)],
        Nodes =
        [
            Node("server1", "lan179", "192.168.179.103", Instance(151, 100, nopreempt: true, "ens32", "192.168.179.199"), "ens32"),
            Node("server2", "lan179", "192.168.179.104", Instance(151, 50, nopreempt: false, "ens32", "192.168.179.199"), "ens32"),
        ],
        Timeline =
        [
            new TimelineEntry(Duration.FromSeconds(100), new StopAction(["server1"])),
            new TimelineEntry(Duration.FromSeconds(200), new StartAction(["server1"])),
        ],
    };

    /// <summary>
    /// The fleet: <paramref name="segments"/> LAN segments with two routers each (priorities 100 and
    /// 50, advert_int 1 s, VRID 1..255 reused across segments), all started at 0s, for
    /// <paramref name="duration"/>.
    /// </summary>
    public static Scenario Fleet(int segments, Duration duration)
    {
        var segs = ImmutableArray.CreateBuilder<SegmentSpec>(segments);
        var nodes = ImmutableArray.CreateBuilder<NodeSpec>(segments * 2);
        for (int s = 0; s < segments; s++)
        {
            string seg = "lan" + s;
            segs.Add(new SegmentSpec(seg, Duration.FromMicroseconds(100), Duration.Zero, Rate.Zero));
            byte vrid = (byte)((s % 255) + 1);
            string net = $"10.{s / 250}.{s % 250}.";
            nodes.Add(Node($"r{s}a", seg, net + "11", Instance(vrid, 100, nopreempt: false, "eth0", net + "100"), "eth0"));
            nodes.Add(Node($"r{s}b", seg, net + "12", Instance(vrid, 50, nopreempt: false, "eth0", net + "100"), "eth0"));
        }

        return new Scenario
        {
            Name = $"bench-fleet-{segments}",
            Duration = duration,
            Autostart = true,
            Segments = segs.MoveToImmutable(),
            Nodes = nodes.MoveToImmutable(),
        };
    }

    private static VrrpInstanceConfig Instance(byte vrid, byte priority, bool nopreempt, string iface, string vip) => new()
    {
        Name = "VI_1",
        Interface = iface,
        VirtualRouterId = vrid,
        Priority = priority,
        Nopreempt = nopreempt,
        AdvertInterval = Duration.FromSeconds(1),
        AuthType = AuthType.SimpleText,
        AuthPassword = "1111",
        VirtualAddresses = [VirtualAddress.Host(IPAddress.Parse(vip))],
    };

    private static NodeSpec Node(string name, string segment, string address, VrrpInstanceConfig instance, string iface) =>
        new(name, [new InterfaceSpec(iface, segment, IPAddress.Parse(address), 24)], new RouterConfig { Instances = [instance] });
}
