using System.Collections.Immutable;
using VrrpLab.Lab.Daemons;

namespace VrrpLab.Lab.Tests;

/// <summary>
/// Chained takeovers judged from the real transition they depend on, and keepalived's scheduling in the lab
/// (recorded histories, no root).
/// </summary>
public class ChainAnchorTests
{
    private const long Tolerance = 50_000;

    private static (Scenario Scenario, SimulationResult Result) Flood()
    {
        Scenario sc = LabPaths.Load("flood-keepalived-flapping");
        return (sc, new Simulator(sc, new SimulationOptions { Implementation = NodeImplementation.Keepalived }).Run());
    }

    /// <summary>
    /// The flood run as the lab saw it under load: every MASTER -> BACKUP entry of node2 comes
    /// <paramref name="stepLateUs"/> after the simulator's (keepalived handled node1's answer late), and
    /// each later state change inherits the lateness of the entries before it; every takeover after the
    /// first comes <paramref name="ownLateUs"/> late from its BACKUP entry (and what follows inherits it).
    /// </summary>
    private static SimHistory Real(Scenario sc, SimulationResult r, long stepLateUs, long ownLateUs)
    {
        var log = new List<RunEvent>();
        foreach (RunEvent e in r.History.Log)
        {
            // node2's state changes, and node1's answers to node2's adverts (between a MASTER entry and the BACKUP entry it causes).
            if (e is StateRecord { Node: "node2" } or AdvertSentRecord { Node: "node1" } && e.TimeUs > 10_000_000)
            {
                int backups = r.History.StatesOf("node2", "VI_1").Count(x => x.TimeUs > 10_000_000 && x.TimeUs <= e.TimeUs && x.To == VrrpState.Backup);
                int masters = r.History.StatesOf("node2", "VI_1").Count(x => x.TimeUs > 10_000_000 && x.TimeUs <= e.TimeUs && x.To == VrrpState.Master);
                long late = (backups * stepLateUs) + (Math.Max(0, masters - 1) * ownLateUs);
                log.Add(e with { TimeUs = e.TimeUs + late });
            }
            else
            {
                log.Add(e);
            }
        }

        return SimHistory.FromLog(RunLayout.Of(sc), [.. log.OrderBy(e => e.TimeUs)], r.History.EndUs);
    }

    private static ImmutableArray<Verdict> Judge(Scenario sc, SimulationResult r, SimHistory real) =>
        ExpectationEvaluator.Evaluate(sc, real, new Judging { ToleranceUs = Tolerance, Shifts = e => LabRunner.ShiftOf(e, r.History, r.History, [], real) });

    private static Verdict TakeoverAfter(ImmutableArray<Verdict> v, long afterUs) =>
        v.Single(x => x.Expectation is TakeoverExpectation t && t.After.Microseconds == afterUs);

    [Test]
    public void A_flapping_backups_takeover_is_judged_from_its_real_backup_entry_not_from_the_sum_of_earlier_lateness()
    {
        // Each BACKUP entry 40 ms late: the 3rd takeover's absolute window misses by 80 ms, its delay from
        // the BACKUP entry it depends on is exact.
        (Scenario sc, SimulationResult r) = Flood();
        SimHistory real = Real(sc, r, stepLateUs: 40_000, ownLateUs: 0);
        (long us, string why) = LabRunner.ChainAnchor("node2", 21_000_000, r.History, real)!.Value;
        Assert.That(us, Is.EqualTo(80_000));
        Assert.That(why, Does.StartWith("anchored at node2's real BACKUP entry before it, 17.299249s, +80.0ms from the replay's"));
        ImmutableArray<Verdict> v = Judge(sc, r, real);
        Assert.That(TakeoverAfter(v, 17_000_000).Passed, Is.True, TakeoverAfter(v, 17_000_000).Evidence);
        Assert.That(TakeoverAfter(v, 21_000_000).Passed, Is.True, TakeoverAfter(v, 21_000_000).Evidence);
        Assert.That(TakeoverAfter(v, 24_000_000).Passed, Is.True, TakeoverAfter(v, 24_000_000).Evidence);
        Assert.That(TakeoverAfter(v, 21_000_000).Evidence, Does.Contain("anchored at node2's real BACKUP entry"));
    }

    [Test]
    public void A_takeover_late_from_its_own_backup_entry_still_fails()
    {
        // The down timer itself 60 ms late (beyond the 50 ms tolerance): the anchor does not forgive it.
        (Scenario sc, SimulationResult r) = Flood();
        ImmutableArray<Verdict> v = Judge(sc, r, Real(sc, r, stepLateUs: 0, ownLateUs: 60_000));
        Assert.That(TakeoverAfter(v, 17_000_000).Passed, Is.False);
        Assert.That(TakeoverAfter(v, 21_000_000).Passed, Is.False);
    }

    [Test]
    public void A_takeover_after_the_last_advert_heard_or_a_different_chain_is_not_anchored()
    {
        (Scenario sc, SimulationResult r) = Flood();
        SimHistory real = Real(sc, r, stepLateUs: 40_000, ownLateUs: 0);
        Assert.That(LabRunner.ChainAnchor("node2", 10_000_000, r.History, real), Is.Null, "the first flap follows node1's last advert");
        Assert.That(LabRunner.ChainAnchor("node2", 21_000_000, r.History, r.History), Is.Null, "no lateness: no shift");

        // A real run with one flap fewer is another chain: its absolute windows are judged.
        SimHistory shorter = SimHistory.FromLog(RunLayout.Of(sc), [.. real.Log.Where(e => e is not StateRecord { Node: "node2" } s || s.TimeUs < 17_000_000)], r.History.EndUs);
        Assert.That(LabRunner.ChainAnchor("node2", 21_000_000, r.History, shorter), Is.Null);
    }

    [Test]
    public void The_flood_on_the_wire_says_its_real_end_and_largest_gap()
    {
        // 4 datagrams from 10.2 s; a starved generator: the last one 2 s after the third.
        FloodShape s = WireTiming.Shape(10_200_000, 15_000_000, [9_000_000, 10_200_000, 10_205_000, 10_210_000, 12_210_000, 40_000_000])!;
        Assert.That((s.Count, s.FirstUs, s.LastUs, s.LargestGapUs, s.LargestGapFromUs), Is.EqualTo((4, 10_200_000L, 12_210_000L, 2_000_000L, 10_210_000L)));
        Assert.That(s.Describe(15_000_000), Is.EqualTo("4 datagrams on the wire from 10.2s to 12.21s (2010.0ms; asked 15000.0ms), largest gap 2000.0ms from 10.21s"));
        Assert.That(WireTiming.Shape(10_200_000, 15_000_000, [1_000_000]), Is.Null);
    }

    [Test]
    public void Keepalived_runs_at_sched_rr_1_like_our_daemons_event_loop()
    {
        using var daemon = new LabDaemon("node1", "ns", NodeImplementation.Keepalived, "/run/x", new LabClock(), ["vrrplab"], (_, _, _) => { }, (_, _) => { });
        Assert.That(daemon.CommandLine.Take(4), Is.EqualTo(new[] { "chrt", "-r", "1", "keepalived" }));
        using var ours = new LabDaemon("node1", "ns", NodeImplementation.Vrrplab, "/run/x", new LabClock(), ["vrrplab"], (_, _, _) => { }, (_, _) => { });
        Assert.That(ours.CommandLine[0], Is.EqualTo("vrrplab"), "our daemon sets SCHED_RR 1 on its event loop itself");
    }
}
