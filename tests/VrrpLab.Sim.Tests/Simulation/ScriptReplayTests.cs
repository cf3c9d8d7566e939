namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>
/// Replayed vrrp_script runs (<see cref="SimulationOptions.ScriptRunsUs"/>, what the lab measured): the
/// script runs when it really ran, not at the start and every interval. health-check-fault: node1's
/// chk_nginx (interval 1 s, fall 1, weight 0) fails from 10.5 s; on the engine's own schedule the run at
/// 11 s sends node1 to FAULT.
/// </summary>
public class ScriptReplayTests
{
    private static Scenario HealthCheck()
    {
        ScenarioLoadResult l = ScenarioLoader.LoadFile(Path.Combine(RepoPaths.Scenarios, "health-check-fault.yaml"));
        Assert.That(l.Succeeded, Is.True, string.Join("\n", l.Errors));
        return l.Scenario!;
    }

    private static SimulationResult Run(IReadOnlyList<long>? runs) =>
        new Simulator(HealthCheck(), new SimulationOptions
        {
            ScriptRunsUs = runs is null ? null : new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<long>>> { ["node1"] = new Dictionary<string, IReadOnlyList<long>> { ["chk_nginx"] = runs } },
        }).Run();

    private static long FaultAt(SimulationResult r) => r.History.StatesOf("node1", "VI_1").First(s => s.To == VrrpState.Fault).TimeUs;

    [Test]
    public void The_engines_own_schedule_runs_the_check_at_whole_seconds()
    {
        Assert.That(FaultAt(Run(null)), Is.EqualTo(11_000_000));
    }

    [Test]
    public void A_replayed_run_is_where_the_failure_is_seen()
    {
        // Real runs 90 ms before each whole second (keepalived armed its script timer before its BACKUP entry).
        long[] runs = [.. Enumerable.Range(0, 40).Select(k => (k * 1_000_000L) - 90_000).Where(t => t >= 0)];
        SimulationResult r = Run(runs);
        Assert.That(FaultAt(r), Is.EqualTo(10_910_000), "the first run after 10.5 s");
        Assert.That(r.History.StatesOf("node1", "VI_1")[0].TimeUs, Is.Zero, "the start is not held back: the engine's own first run at the start stands");
        long[] seen = [.. r.Log.OfType<ScriptRecord>().Where(s => !s.StateChange).Select(s => s.TimeUs)];
        Assert.That(seen.Skip(1).Take(3), Is.EqualTo(new[] { 910_000L, 1_910_000L, 2_910_000L }), "no run on the engine's own schedule after the start");
        long back = r.History.StatesOf("node1", "VI_1").First(s => s.From == VrrpState.Fault).TimeUs;
        Assert.That(back, Is.EqualTo(20_910_000), "the first ok run after 20.5 s ends the FAULT");
    }

    [Test]
    public void A_replayed_run_while_the_process_is_down_is_not_heard()
    {
        Scenario s = HealthCheck() with
        {
            Timeline = [.. HealthCheck().Timeline, new TimelineEntry(Engine.Time.Duration.FromSeconds(30), new StopAction(["node1"]))],
        };
        SimulationResult r = new Simulator(s, new SimulationOptions
        {
            ScriptRunsUs = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<long>>> { ["node1"] = new Dictionary<string, IReadOnlyList<long>> { ["chk_nginx"] = [10_600_000, 35_000_000] } },
        }).Run();
        Assert.That(r.Log.OfType<ScriptRecord>().Where(x => !x.StateChange && x.TimeUs > 0).Select(x => x.TimeUs), Is.EqualTo(new[] { 10_600_000L }));
    }

    [Test]
    public void Replayed_runs_are_deterministic()
    {
        long[] runs = [500_000, 1_400_000, 10_700_000, 21_300_000];
        Assert.That(Run(runs).Log.Select(e => e.ToString()), Is.EqualTo(Run(runs).Log.Select(e => e.ToString())));
    }
}
