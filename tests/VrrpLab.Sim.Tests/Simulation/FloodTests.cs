using VrrpLab.Engine.Wire;

namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>
/// The <c>flood</c> action: keepalived nodes flap under it, vrrplab nodes do not; it is deterministic
/// and cheap at 100,000 datagrams per second.
/// </summary>
public class FloodTests
{
    private static Scenario Flooded(FloodKind kind, int rate = 200, long seconds = 15, int duration = 35) =>
        TestScenarios.TwoNodes(TestScenarios.S(duration), [TestScenarios.At(10, new FloodAction("lan", 51, rate, Duration.FromSeconds(seconds), kind))]);

    private static int Takeovers(SimulationResult r, string node) =>
        r.History.States.Count(s => s.Node == node && s.To == VrrpState.Master);

    [TestCase(FloodKind.Garbage)]
    [TestCase(FloodKind.WrongAuth)]
    [TestCase(FloodKind.WrongVersion)]
    public void Keepalived_backup_flaps_every_master_down_interval_under_a_200_per_second_flood(FloodKind kind)
    {
        SimulationResult r = new Simulator(Flooded(kind), new SimulationOptions { Recording = RecordingLevel.Changes }).Run();
        Assert.That(Takeovers(r, "node2"), Is.EqualTo(4), "13.41, 17.22, 21.02, 24.83 s (flood-keepalived-flapping.yaml)");
        Assert.That(r.History.StateAt("node1", "VI_1", 35_000_000), Is.EqualTo(VrrpState.Master));
    }

    [TestCase(FloodKind.Garbage)]
    [TestCase(FloodKind.WrongAuth)]
    [TestCase(FloodKind.WrongVersion)]
    public void With_vrrplab_on_every_node_nobody_flaps(FloodKind kind)
    {
        SimulationResult r = new Simulator(Flooded(kind), new SimulationOptions { Implementation = NodeImplementation.Vrrplab }).Run();
        Assert.That(Takeovers(r, "node2"), Is.Zero);
        Assert.That(r.Log.OfType<FloodReceivedRecord>().Sum(f => f.Received), Is.EqualTo(2 * 3000));
        Assert.That(r.Log.OfType<FloodReceivedRecord>().Sum(f => f.Restarted), Is.Zero);
    }

    [Test]
    public void Only_the_masters_implementation_matters_and_a_per_node_mapping_wins()
    {
        var masterHardened = new SimulationOptions
        {
            Implementation = NodeImplementation.Keepalived,
            NodeImplementations = new Dictionary<string, NodeImplementation> { ["node1"] = NodeImplementation.Vrrplab },
        };
        Assert.That(Takeovers(new Simulator(Flooded(FloodKind.Garbage), masterHardened).Run(), "node2"), Is.Zero);

        var backupHardened = new SimulationOptions { NodeImplementations = new Dictionary<string, NodeImplementation> { ["node2"] = NodeImplementation.Vrrplab } };
        Assert.That(Takeovers(new Simulator(Flooded(FloodKind.Garbage), backupHardened).Run(), "node2"), Is.EqualTo(4));
    }

    [Test]
    public void The_flood_is_summarised_once_a_second_per_host_with_its_drop_reasons()
    {
        SimulationResult r = new Simulator(Flooded(FloodKind.WrongAuth)).Run();
        var lines = r.Log.OfType<FloodReceivedRecord>().Where(f => f.Node == "node1").ToList();
        Assert.That(lines, Has.Count.EqualTo(15));
        Assert.That(lines.Sum(l => l.Received), Is.EqualTo(3000));
        Assert.That(lines[0].Reasons, Is.EqualTo("auth_type_mismatch 200"));
        Assert.That(lines[0].TimeUs, Is.EqualTo(11_000_100));
        Assert.That(r.Log.OfType<AdvertDroppedRecord>().Count(), Is.Zero, "flood datagrams are never traced one by one");
        Assert.That(TraceKinds.Name(TraceKind.FloodRx), Is.EqualTo("flood_rx"));
    }

    [Test]
    public void A_flood_reaches_nobody_on_another_segment_and_a_down_host_loses_it()
    {
        Scenario s = Flooded(FloodKind.Garbage) with
        {
            Timeline = [TestScenarios.At(5, new CrashAction(["node2"])), TestScenarios.At(10, new FloodAction("lan", 51, 200, Duration.FromSeconds(2), FloodKind.Garbage))],
        };
        SimulationResult r = new Simulator(s).Run();
        Assert.That(r.Log.OfType<FloodReceivedRecord>().Where(f => f.Node == "node2").Sum(f => f.Lost), Is.EqualTo(400));
        Assert.That(r.Log.OfType<FloodReceivedRecord>().Where(f => f.Node == "node2").Sum(f => f.Received), Is.Zero);
    }

    [Test]
    public void A_flood_run_is_deterministic_and_its_bytes_depend_on_the_seed()
    {
        string Trace(ulong seed) => string.Join("\n", new Simulator(Flooded(FloodKind.Garbage, seconds: 3, duration: 15), new SimulationOptions { Seed = seed }).Run()
            .Log.OfType<FloodReceivedRecord>().Select(f => f.ToTrace().ToString()));
        Assert.That(Trace(7), Is.EqualTo(Trace(7)));
        Assert.That(Trace(7), Is.Not.EqualTo(Trace(8)));
    }

    [Test]
    public void A_flood_of_100000_per_second_allocates_almost_nothing_per_datagram()
    {
        Scenario quiet = TestScenarios.TwoNodes(TestScenarios.S(20));
        Scenario flooded = Flooded(FloodKind.WrongVersion, rate: 100_000, seconds: 5, duration: 20);
        var options = new SimulationOptions { Recording = RecordingLevel.Changes };
        _ = new Simulator(flooded, options).Run();

        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = new Simulator(quiet, options).Run();
        long quietBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        SimulationResult r = new Simulator(flooded, options).Run();
        long floodBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        long datagrams = r.Log.OfType<FloodReceivedRecord>().Where(f => f.Node == "node1").Sum(f => f.Received);
        Assert.That(datagrams, Is.EqualTo(500_000));
        Assert.That((floodBytes - quietBytes) / (double)datagrams, Is.LessThan(4.0), $"bytes per datagram ({floodBytes - quietBytes} bytes for {datagrams})");
    }

    [Test]
    public void A_paused_host_reads_the_flood_it_queued_when_it_thaws_up_to_its_buffer()
    {
        Scenario s = Flooded(FloodKind.WrongVersion) with
        {
            Timeline = [TestScenarios.At(10, new FloodAction("lan", 51, 1000, Duration.FromSeconds(2), FloodKind.WrongVersion)), TestScenarios.At(10.5, new PauseAction("node2", Duration.FromSeconds(1)))],
        };
        SimulationResult r = new Simulator(s, new SimulationOptions { PausedReceiveBuffer = 300 }).Run();
        var node2 = r.Log.OfType<FloodReceivedRecord>().Where(f => f.Node == "node2").ToList();
        Assert.That(node2.Sum(f => f.Lost), Is.EqualTo(1000 - 300), "a second of datagrams against a buffer of 300");
        Assert.That(node2.Sum(f => f.Received), Is.EqualTo(2000 - 1000 + 300), "read live, and the 300 queued once thawed");
        Assert.That(node2.Any(f => f.Reasons.Contains("queued while paused 300", StringComparison.Ordinal)), Is.True);
    }
}
