using VrrpLab.Lab.Running;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Lab.Tests;

/// <summary>How the lab moves an expectation's window by the lateness of the action it is anchored at (recorded lateness, no root).</summary>
public class WindowShiftTests
{
    private static (Scenario Scenario, SimulationResult Result) Predict(string name)
    {
        Scenario sc = LabPaths.Load(name);
        return (sc, new Simulator(sc, new SimulationOptions { Implementation = NodeImplementation.Keepalived }).Run());
    }

    [Test]
    public void A_takeover_after_a_start_of_its_own_node_is_not_moved_by_a_late_partition_at_the_same_time()
    {
        // nopreempt-reboot-late-link: at 30s node1 is partitioned off and started; its takeover comes one
        // MDI after its own start (the measured start-up, in the replay), not after the partition's nft commit.
        (Scenario sc, SimulationResult r) = Predict("nopreempt-reboot-late-link");
        Expectation takeover = sc.Expectations.OfType<TakeoverExpectation>().Single(t => t.Node == "node1" && t.After.Microseconds == 30_000_000);
        AppliedAction[] applied =
        [
            new(30_000_000, sc.Timeline.Single(e => e.Action is PartitionAction).Action, 24_700),
            new(30_000_000, sc.Timeline.Single(e => e.Action is StartAction).Action, 0),
        ];
        Assert.That(LabRunner.ShiftOf(takeover, r.History, r.History, applied).Us, Is.Zero);
    }

    [Test]
    public void A_takeover_after_a_crash_moves_by_the_crashs_lateness()
    {
        (Scenario sc, SimulationResult r) = Predict("crash-mdi-takeover");
        Expectation takeover = sc.Expectations.OfType<TakeoverExpectation>().First(t => t.After.Microseconds == 10_000_000);
        AppliedAction[] applied = [new(10_000_000, sc.Timeline.Single(e => e.Action is CrashAction).Action, 12_000)];
        WindowShift shift = LabRunner.ShiftOf(takeover, r.History, r.History, applied);
        Assert.That(shift.Us, Is.EqualTo(12_000));
        Assert.That(shift.Why, Does.Contain("the crash at 10s was applied 12.0ms late"));
    }
}
