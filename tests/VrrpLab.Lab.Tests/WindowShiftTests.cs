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
    public void A_late_crash_is_replayed_when_it_happened_and_a_takeover_timed_from_the_last_advert_heard_does_not_move()
    {
        // crash-mdi-takeover: node2 takes over one MDI after node1's last advert (9.609s); a crash applied
        // 12 ms late still falls between two adverts, so the takeover is where it was: no shift (it was
        // shifted by the lateness before the replay applied actions when they really happened).
        (Scenario sc, SimulationResult r) = Predict("crash-mdi-takeover");
        Expectation takeover = sc.Expectations.OfType<TakeoverExpectation>().First(t => t.After.Microseconds == 10_000_000);
        AppliedAction[] applied = [new(10_000_000, sc.Timeline.Single(e => e.Action is CrashAction).Action, 12_000)];
        Scenario replayed = LabRunner.ReplayScenario(sc, applied);
        Assert.That(replayed.Timeline.Single(e => e.Action is CrashAction).At.Microseconds, Is.EqualTo(10_012_000));
        SimulationResult replay = new Simulator(replayed, new SimulationOptions { Implementation = NodeImplementation.Keepalived }).Run();
        Assert.That(LabRunner.ShiftOf(takeover, r.History, replay.History, applied).Us, Is.Zero);
    }

    [Test]
    public void A_late_stop_moves_the_takeover_after_its_priority_0_advert_by_its_lateness_and_a_start_is_not_moved()
    {
        (Scenario sc, SimulationResult r) = Predict("seed-article-failover");
        Expectation takeover = sc.Expectations.OfType<TakeoverExpectation>().Single(t => t.Node == "server2");
        TimelineAction stop = sc.Timeline.Single(e => e.Action is StopAction).Action;
        TimelineAction start = sc.Timeline.Single(e => e.Action is StartAction).Action;
        AppliedAction[] applied = [new(60_000_000, stop, 12_000), new(120_000_000, start, 30_000)];
        Scenario replayed = LabRunner.ReplayScenario(sc, applied);
        Assert.That(replayed.Timeline.Single(e => ReferenceEquals(e.Action, start)).At.Microseconds, Is.EqualTo(120_000_000), "a start's lateness is in its measured start-up");
        SimulationResult replay = new Simulator(replayed, new SimulationOptions { Implementation = NodeImplementation.Keepalived }).Run();
        WindowShift shift = LabRunner.ShiftOf(takeover, r.History, replay.History, applied);
        Assert.That(shift.Us, Is.EqualTo(12_000));
        Assert.That(shift.Why, Does.Contain("the stop at 60s was applied 12.0ms late, in the replay too"));
    }

    [Test]
    public void A_late_start_up_that_lengthens_the_replayed_outage_moves_the_outage_bound_by_as_much_and_not_its_start()
    {
        // crash-mdi-takeover: node1 started 48.8 ms late sends every advert 48.8 ms later, so node2's takeover
        // after node1's crash, and the end of the client's outage, come 48.8 ms later (keepalived row, 2026-12-06).
        (Scenario sc, SimulationResult r) = Predict("crash-mdi-takeover");
        OutageExpectation outage = sc.Expectations.OfType<OutageExpectation>().Single();
        var delays = new Dictionary<string, IReadOnlyList<long>> { ["node1"] = [48_800], ["node2"] = [0] };
        SimulationResult replay = new Simulator(sc, new SimulationOptions { Implementation = NodeImplementation.Keepalived, StartupDelaysUs = delays }).Run();
        WindowShift shift = LabRunner.ShiftOf(outage, r.History, replay.History, []);
        var exact = new Judging { ToleranceUs = 0 };
        var shifted = new Judging { ToleranceUs = 0, Shifts = e => LabRunner.ShiftOf(e, r.History, replay.History, []) };
        Assert.Multiple(() =>
        {
            Assert.That(shift.Us, Is.Zero, "the outage window's start does not move");
            Assert.That(shift.BoundUs, Is.InRange(48_000, 49_600), "the bound moves by what the late start-up adds");
            Assert.That(ExpectationEvaluator.Evaluate(outage, replay.History, exact).Passed, Is.False, "the longer outage breaks the unmoved bound");
            Verdict v = ExpectationEvaluator.Evaluate(outage, replay.History, shifted);
            Assert.That(v.Passed, Is.True, v.Evidence);
            Assert.That(v.Evidence, Does.Contain("bound moved +4"));
            Assert.That(LabRunner.ShiftOf(outage, r.History, r.History, []), Is.EqualTo(WindowShift.None), "no replay difference, no move");
        });
    }

    [Test]
    public void A_crash_lasts_from_the_freeze_to_the_end_of_the_labs_interface_commands()
    {
        // The crashed host's VIPs are timed at the freeze (the lab removes them with these commands later).
        LabMark[] marks = [new(1_000, "node1", "crash-kill"), new(2_000, "node2", "host down"), new(81_000, "node1", "host down"), new(90_000, "node1", "host down")];
        Assert.That(LabRunner.CrashWindows(marks), Is.EqualTo(new[] { ("node1", 1_000L, 81_000L) }));
    }
}
