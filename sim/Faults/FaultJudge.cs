using System.Collections.Immutable;
using System.Text;
using VrrpLab.Config.Lint;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Clusters;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Faults;

/// <summary>Runs one case of the catalogue and judges every VIP (see <see cref="FaultStatus"/>).</summary>
internal static class FaultJudge
{
    public static FaultOutcome Run(
        DerivedCluster cluster, FaultTiming timing, CatalogueOptions options, ImmutableArray<(Fault Fault, long OnsetUs)> faults, StartupOutcome startup)
    {
        long onset = faults.Min(f => f.OnsetUs);
        long judge = faults.Min(f => f.OnsetUs + timing.Hold.Microseconds) - 1;
        long end = faults.Max(f => FaultSchedule.LastPhase(f.Fault, f.OnsetUs, timing)) + timing.Tail.Microseconds;
        string name = ScenarioName(faults);
        Scenario scenario = cluster.Scenario(name, Duration.FromMicroseconds(end), FaultSchedule.Timeline(faults, timing)) with
        {
            Description = string.Join("; ", faults.Select(f => f.Fault.Describe(f.OnsetUs, timing))),
        };
        SimulationResult run = new Simulator(scenario, new SimulationOptions { Recording = options.Recording }).Run();
        var view = new VipView(cluster, run.History);
        List<(byte Vrid, FaultStatus Status, string Text)> splitBrains = SplitBrains(cluster, run.History, faults, timing, onset);

        var vips = ImmutableArray.CreateBuilder<VipOutcome>();
        foreach (VipPlacement p in cluster.Vips)
        {
            vips.Add(JudgeVip(cluster, timing, view, p, faults, onset, judge, splitBrains));
        }

        FaultStatus status = vips.Select(v => v.Status).DefaultIfEmpty(FaultStatus.Ok).MaxBy(Rank);
        Scenario replay = scenario with { Expectations = ReplayExpectations.For(run, cluster, onset) };
        return new FaultOutcome(faults, status, vips.ToImmutable(), replay, run, judge);
    }

    private static int Rank(FaultStatus s) => s switch
    {
        FaultStatus.Fail => 4,
        FaultStatus.Lost => 3,
        FaultStatus.Flap => 2,
        FaultStatus.Split => 1,
        _ => 0,
    };

    /// <summary>A file-name-safe scenario name: <c>check-crash-lb1</c>, <c>check-crash-lb1--partition-lb2</c>.</summary>
    public static string ScenarioName(IEnumerable<(Fault Fault, long OnsetUs)> faults)
    {
        var sb = new StringBuilder("check");
        foreach ((Fault f, long _) in faults)
        {
            sb.Append(sb.Length == 5 ? "-" : "--");
            foreach (char c in f.Id)
            {
                sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
            }
        }

        return sb.ToString();
    }

    private static VipOutcome JudgeVip(
        DerivedCluster cluster, FaultTiming timing, VipView view, VipPlacement p, ImmutableArray<(Fault Fault, long OnsetUs)> faults, long onset, long judge, List<(byte Vrid, FaultStatus Status, string Text)> splitBrains)
    {
        SimHistory h = view.History;
        ImmutableArray<string> before = view.HoldersAt(p, onset - 1);
        string? holder = before.Length == 1 ? before[0] : null;
        VipRecord? add = view.FirstAddBy(p, onset, holder);
        (long Start, long Length)? outage = view.LongestOutage(p, onset);
        (long Start, long Length)? afterHeal = view.LongestOutage(p, judge + 1, startingFrom: true);
        ImmutableArray<string> during = view.HoldersAt(p, judge);
        ImmutableArray<string> final = view.HoldersAt(p, h.EndUs);

        var problems = new List<(FaultStatus Status, string Text)>();
        if (final.Length != 1)
        {
            problems.Add((FaultStatus.Fail, final.IsEmpty ? "held by nobody after the faults healed" : $"held by {Names(final)} after the faults healed"));
        }
        else if (view.UnreachableAtEnd(p))
        {
            problems.Add((FaultStatus.Fail, "its clients cannot reach it after the faults healed"));
        }

        if (during.IsEmpty)
        {
            var able = p.Holders.Where(x => h.StateAt(x.Node, x.Instance, judge) is VrrpState.Backup or VrrpState.Master).Select(x => x.Node).Distinct().ToList();
            problems.Add(able.Count > 0
                ? (FaultStatus.Fail, $"held by nobody at {T(judge + 1)} although {Names(able)} {(able.Count == 1 ? "is" : "are")} {string.Join("/", able.Select(n => S(h, p, n, judge)).Distinct())}")
                : (FaultStatus.Lost, $"no host left to hold it at {T(judge + 1)}"));
        }
        else if (during.Length > 1)
        {
            problems.Add(TwoHolders(cluster, h, p, during, faults, judge));
        }

        foreach ((Fault f, long _) in faults)
        {
            if (KeptDespiteCheck(cluster, h, p, f, holder, during, judge) is { } kept)
            {
                problems.Add((FaultStatus.Fail, kept));
            }
        }

        foreach ((Fault f, long at) in faults.Where(f => f.Fault.Kind == FaultKind.Flood && p.Vrids.Contains(f.Fault.Vrid)))
        {
            List<long> flaps = view.MovesBetween(p, at, at + timing.Hold.Microseconds);
            if (flaps.Count >= 2)
            {
                problems.Add((FaultStatus.Flap,
                    $"flaps: {flaps.Count} moves between the garbage's start and the heal, the first at {T(flaps[0])}: keepalived restarts a MASTER's advert timer "
                    + "for every packet naming its VRID, so the MASTER falls silent and its BACKUP takes over every Master_Down_Interval"));
            }
        }

        foreach ((byte _, FaultStatus st, string text) in splitBrains.Where(s => p.Vrids.Contains(s.Vrid)))
        {
            problems.Add((st, text));
        }

        FaultStatus status = problems.Count == 0 ? FaultStatus.Ok : problems.MaxBy(x => Rank(x.Status)).Status;
        string? problem = problems.Count == 0 ? null : string.Join("; ", problems.OrderByDescending(x => Rank(x.Status)).Select(x => x.Text));
        return new VipOutcome(
            p.Address,
            holder,
            add?.Node,
            add is null ? null : add.TimeUs - onset,
            outage?.Length ?? 0,
            outage?.Start,
            afterHeal?.Length ?? 0,
            view.MovesAfter(p, onset),
            during,
            final,
            status,
            problem);
    }

    private static (FaultStatus, string) TwoHolders(
        DerivedCluster cluster, SimHistory h, VipPlacement p, ImmutableArray<string> during, ImmutableArray<(Fault Fault, long OnsetUs)> faults, long judge)
    {
        var holders = p.Holders.Where(x => during.Contains(x.Node)).ToList();
        if (holders.Select(x => x.Vrid).Distinct().Count() > 1)
        {
            return (FaultStatus.Fail, $"held by {string.Join(" and ", holders.Select(x => $"{x.Node} (VRID {x.Vrid})"))}: two VRIDs never hear each other");
        }

        for (int i = 0; i < holders.Count; i++)
        {
            for (int j = i + 1; j < holders.Count; j++)
            {
                InstanceInfo? a = Info(h, holders[i]);
                InstanceInfo? b = Info(h, holders[j]);
                if (a is not null && b is not null
                    && h.StateAt(a.Node, a.Instance, judge) == VrrpState.Master && h.StateAt(b.Node, b.Instance, judge) == VrrpState.Master
                    && h.CanReach(a, b, judge) && !Paused(faults, a.Node, judge) && !Paused(faults, b.Node, judge))
                {
                    return (FaultStatus.Fail, $"held by {a.Node} and {b.Node}, both MASTER and in reach of each other (split brain)");
                }
            }
        }

        string why = faults.Any(f => f.Fault.Kind == FaultKind.Kill || f.Fault.ScriptEffect.End == KeepalivedEnd.Kill)
            && holders.Any(x => h.StateAt(x.Node, x.Instance, judge) != VrrpState.Master)
            ? "a killed keepalived leaves its VIP on the interface"
            : faults.Any(f => f.Fault.Kind == FaultKind.Pause && during.Contains(f.Fault.Node))
                ? "a frozen keepalived still holds its VIP while the other host takes over"
                : "they cannot hear each other";
        return (FaultStatus.Split, $"held by {Names(during)} at {T(judge + 1)}: {why}");
    }

    /// <summary>
    /// A weighted check or tracked interface that fails on the VIP's holder is meant to move the VIP;
    /// when the holder keeps it while another host could take it, the check does not do its job.
    /// </summary>
    private static string? KeptDespiteCheck(
        DerivedCluster cluster, SimHistory h, VipPlacement p, Fault f, string? holder, ImmutableArray<string> during, long judge)
    {
        bool weighted = (f.Kind == FaultKind.ScriptFails && f.ScriptEffect.End == KeepalivedEnd.None && f.Weight != 0)
            || (f.Kind == FaultKind.InterfaceDown && !f.OwnInterface && f.Weight != 0);
        if (!weighted || f.Node != holder || during.Length != 1 || during[0] != f.Node)
        {
            return null;
        }

        VipHolder? mine = p.Holders.FirstOrDefault(x => x.Node == f.Node);
        var others = p.Holders.Where(x => x.Node != f.Node && h.StateAt(x.Node, x.Instance, judge) == VrrpState.Backup).ToList();
        if (mine is null || others.Count == 0)
        {
            return null;
        }

        (VrrpInstanceConfig inst, RouterConfig router) = Config(cluster, mine);
        TrackingSnapshot failing = f.Kind == FaultKind.ScriptFails
            ? TrackingSnapshot.Healthy.WithScriptFailed(f.Target!)
            : TrackingSnapshot.Healthy.WithInterfaceDown(f.Target!);
        byte healthy = EffectivePriorityRule.Of(inst, router.Scripts, TrackingSnapshot.Healthy);
        byte now = EffectivePriorityRule.Of(inst, router.Scripts, failing);
        string peers = string.Join(", ", others.Select(o =>
        {
            (VrrpInstanceConfig pi, RouterConfig pr) = Config(cluster, o);
            byte pp = EffectivePriorityRule.Of(pi, pr.Scripts, TrackingSnapshot.Healthy);
            return $"{o.Node} {pp}{(pi.EffectiveNopreempt ? " with nopreempt, which accepts a lower-priority master" : "")}";
        }));
        return $"{f.Target} fails on {f.Node} but {f.Node} keeps the VIP: its priority goes from {healthy} to {now}, BACKUP {peers}";
    }

    /// <summary>
    /// Two MASTERs of one VRID in reach of each other for longer than one advert interval after the onset
    /// (outside pauses): a failure, unless garbage naming the VRID silenced them (a flap: keepalived's weakness).
    /// </summary>
    private static List<(byte Vrid, FaultStatus Status, string Text)> SplitBrains(DerivedCluster cluster, SimHistory h, ImmutableArray<(Fault Fault, long OnsetUs)> faults, FaultTiming timing, long onset)
    {
        var found = new List<(byte Vrid, FaultStatus Status, string Text)>();
        ImmutableArray<InstanceInfo> all = h.Instances;
        long grace = cluster.AdvertInterval.Microseconds + (4 * DerivedCluster.Latency.Microseconds);
        for (int i = 0; i < all.Length; i++)
        {
            for (int j = i + 1; j < all.Length; j++)
            {
                InstanceInfo a = all[i];
                InstanceInfo b = all[j];
                if (a.Vrid != b.Vrid || a.Node == b.Node)
                {
                    continue;
                }

                foreach ((long s, long e) in ExpectationEvaluator.BothMaster(a, b, h))
                {
                    long start = Math.Max(s, onset);
                    long stop = e;
                    foreach ((Fault f, long at) in faults.Where(f => f.Fault.Kind == FaultKind.Pause && (f.Fault.Node == a.Node || f.Fault.Node == b.Node)))
                    {
                        // A thawed process reads its queued adverts first: its overlap is the pause's doing.
                        long pauseEnd = at + timing.Hold.Microseconds + grace;
                        if (start < pauseEnd && stop > at)
                        {
                            start = Math.Max(start, pauseEnd);
                        }
                    }

                    if (stop - start > grace)
                    {
                        // Garbage naming the VRID keeps restarting both MASTERs' advert timers: neither
                        // advertises, so neither steps down until the garbage stops (keepalived's weakness).
                        bool silenced = faults.Any(f => f.Fault.Kind == FaultKind.Flood && f.Fault.Vrid == a.Vrid
                            && start >= f.OnsetUs && start <= f.OnsetUs + timing.Hold.Microseconds);
                        found.Add(silenced
                            ? (a.Vrid, FaultStatus.Flap, $"{a.Node} and {b.Node} both MASTER of VRID {a.Vrid} and in reach of each other from {T(start)} to {T(stop)}: the garbage silences both, neither steps down")
                            : (a.Vrid, FaultStatus.Fail, $"{a.Node} and {b.Node} both MASTER of VRID {a.Vrid} and in reach of each other from {T(start)} to {T(stop)} (split brain)"));
                        break;
                    }
                }
            }
        }

        return found;
    }

    private static bool Paused(ImmutableArray<(Fault Fault, long OnsetUs)> faults, string node, long t) =>
        faults.Any(f => f.Fault.Kind == FaultKind.Pause && f.Fault.Node == node && t >= f.OnsetUs);

    private static InstanceInfo? Info(SimHistory h, VipHolder x) => h.Instances.FirstOrDefault(i => i.Node == x.Node && i.Instance == x.Instance);

    private static (VrrpInstanceConfig, RouterConfig) Config(DerivedCluster cluster, VipHolder x)
    {
        RouterConfig router = cluster.Nodes.First(n => n.Name == x.Node).Config;
        return (router.Instances.First(i => i.Name == x.Instance), router);
    }

    private static string S(SimHistory h, VipPlacement p, string node, long t) =>
        h.StateAt(node, p.Holders.First(x => x.Node == node).Instance, t).ToString().ToUpperInvariant();

    private static string Names(IEnumerable<string> names) => string.Join(" and ", names);

    private static string T(long us) => Duration.FormatSeconds(us);
}
