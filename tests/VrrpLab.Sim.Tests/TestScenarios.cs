namespace VrrpLab.Sim.Tests;

/// <summary>Scenarios built directly from records (no keepalived.conf reader involved).</summary>
internal static class TestScenarios
{
    public static VrrpInstanceConfig Instance(byte priority, bool nopreempt = false, int advertSeconds = 1, string vip = "10.0.0.100", byte vrid = 51) => new()
    {
        Name = "VI_1",
        Interface = "eth0",
        VirtualRouterId = vrid,
        Priority = priority,
        Nopreempt = nopreempt,
        AdvertInterval = Duration.FromSeconds(advertSeconds),
        VirtualAddresses = [VirtualAddress.Host(IPAddress.Parse(vip))],
    };

    public static NodeSpec Node(string name, string address, VrrpInstanceConfig instance, string segment = "lan") =>
        new(name, [new InterfaceSpec("eth0", segment, IPAddress.Parse(address), 24)], new RouterConfig { Instances = [instance] });

    public static Scenario TwoNodes(
        Duration duration,
        IEnumerable<TimelineEntry>? timeline = null,
        SegmentSpec? segment = null,
        byte p1 = 100,
        byte p2 = 50,
        bool nopreempt = false,
        bool autostart = true,
        ulong seed = 1) => new()
        {
            Name = "two-nodes",
            Seed = seed,
            Duration = duration,
            Autostart = autostart,
            Segments = [segment ?? SegmentSpec.DefaultLan],
            Nodes = [Node("node1", "10.0.0.11", Instance(p1, nopreempt)), Node("node2", "10.0.0.12", Instance(p2, nopreempt))],
            Timeline = timeline is null ? [] : [.. timeline],
        };

    public static TimelineEntry At(double seconds, TimelineAction action) =>
        new(Duration.FromMicroseconds((long)Math.Round(seconds * 1_000_000)), action);

    public static ImmutableArray<string> Names(params string[] n) => [.. n];

    public static Duration S(long seconds) => Duration.FromSeconds(seconds);
}
