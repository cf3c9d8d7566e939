namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>Measured start-ups replayed: a process that takes D to start enters BACKUP D after its start and hears nothing before.</summary>
public class StartupDelayTests
{
    private static SimulationResult Run(Scenario s, Dictionary<string, IReadOnlyList<long>> delays) =>
        new Simulator(s, new SimulationOptions { StartupDelaysUs = delays }).Run();

    [Test]
    public void A_start_up_delay_shifts_the_nodes_timers_by_that_much()
    {
        SimulationResult r = Run(TwoNodes(S(20)), new() { ["node1"] = [62_000] });
        Assert.That(r.History.StatesOf("node1", "VI_1").Select(s => (s.TimeUs, s.To)),
            Is.EqualTo(new[] { (62_000L, VrrpState.Backup), (62_000L + 3_609_375, VrrpState.Master) }));
        Assert.That(r.History.StatesOf("node2", "VI_1")[0].TimeUs, Is.Zero, "node2 has no delay");
        Assert.That(r.Log.OfType<ProcessRecord>().First(p => p.Node == "node1").Detail, Is.EqualTo("started (start-up 0.062s)"));
    }

    [Test]
    public void The_kth_start_takes_the_kth_delay_and_the_last_one_repeats()
    {
        Scenario s = TwoNodes(S(60), [At(10, new StopAction(Names("node1"))), At(20, new StartAction(Names("node1"))), At(30, new StopAction(Names("node1"))), At(40, new StartAction(Names("node1")))]);
        SimulationResult r = Run(s, new() { ["node1"] = [50_000, 400_000] });
        long[] backups = [.. r.History.StatesOf("node1", "VI_1").Where(x => x.To == VrrpState.Backup && x.From == VrrpState.Init).Select(x => x.TimeUs)];
        Assert.That(backups, Is.EqualTo(new[] { 50_000L, 20_400_000L, 40_400_000L }));
    }

    [Test]
    public void A_stop_during_the_start_up_cancels_it_and_a_process_that_is_starting_hears_nothing()
    {
        Scenario s = TwoNodes(S(20), [At(5, new StopAction(Names("node1")))]) with { };
        SimulationResult r = Run(s, new() { ["node1"] = [6_000_000] });
        Assert.That(r.History.StatesOf("node1", "VI_1"), Is.Empty, "stopped before it was up");
        Assert.That(r.Log.OfType<PacketLostRecord>().Any(p => p.Node == "node1" && p.Reason == "no_process"), Is.True);
    }
}
