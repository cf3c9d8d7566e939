using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;
using static VrrpLab.Cli.Check.FaultCatalogueRun;

namespace VrrpLab.Cli.Check;

/// <summary>
/// The fault-simulation half of <c>vrrplab check</c> (spec/cli.md: check "simulates a standard
/// catalogue of faults"): the hosts' configurations run in the simulator on one LAN, and each
/// fault of the catalogue runs from a fresh start once the cluster has settled: master crash,
/// graceful stop, master recovers, health-check failure, packet loss burst, partition. Each
/// verdict says who ends up MASTER, the VIP moves and the longest client outage.
/// </summary>
/// <remarks>
/// A fault passes when failover behaves: someone takes over when the master goes, exactly one
/// MASTER per VRID at the end, and no two MASTERs that can reach each other for longer than one
/// advert interval outside the fault itself (domain.md sections 4 and 5).
/// </remarks>
public sealed class FaultCatalogue : ICheckFaultSimulation
{
    private const long LatencyUs = 100;

    /// <inheritdoc/>
    public ImmutableArray<FaultVerdict> Run(IReadOnlyList<(string File, RouterConfig Config)> hosts)
    {
        if (hosts.Count < 2 || hosts.All(h => h.Config.Instances.IsDefaultOrEmpty))
        {
            return [new FaultVerdict("fault catalogue", true, "not run: it needs the keepalived.conf of at least two hosts with a vrrp_instance")];
        }

        var cluster = FaultCatalogueCluster.Build(hosts);
        var plan = new Plan(cluster);
        var verdicts = ImmutableArray.CreateBuilder<FaultVerdict>();
        FaultCatalogueRun startup = FaultCatalogueRun.Execute(cluster.Scenario("check-startup", Duration.FromMicroseconds(plan.T0), []));
        verdicts.Add(Startup(startup, plan) with { Run = startup.Result });
        byte vrid = startup.Vrids[0];
        List<string> masters = startup.MastersAt(vrid, plan.T0);
        if (masters.Count != 1)
        {
            verdicts.Add(new FaultVerdict("fault catalogue", false, $"not run: VRID {vrid} has no single MASTER after startup"));
            return verdicts.ToImmutable();
        }

        string m = masters[0];
        verdicts.Add(Crash(plan, vrid, m));
        verdicts.Add(Stop(plan, vrid, m));
        verdicts.Add(Recovers(plan, vrid, m));
        verdicts.Add(HealthCheck(plan, vrid, m));
        verdicts.Add(LossBurst(plan, vrid, m));
        verdicts.Add(Partition(plan, vrid, m));
        return verdicts.ToImmutable();
    }

    /// <summary>The timing of the catalogue, from the cluster's intervals.</summary>
    private sealed class Plan(FaultCatalogueCluster cluster)
    {
        public FaultCatalogueCluster Cluster { get; } = cluster;

        /// <summary>When faults start: the election is over (longest MDI plus two intervals, whole seconds).</summary>
        public long T0 { get; } = CeilSeconds(cluster.MaxMasterDown.Microseconds + (2 * cluster.AdvertInterval.Microseconds));

        /// <summary>How long to watch after a fault: long enough for a takeover and a settled cluster.</summary>
        public long Window { get; } = CeilSeconds(cluster.MaxMasterDown.Microseconds + (2 * cluster.AdvertInterval.Microseconds));

        /// <summary>Overlap of two MASTERs tolerated outside a fault: one interval plus latency.</summary>
        public long Grace => Cluster.AdvertInterval.Microseconds + LatencyUs;

        public FaultCatalogueRun Execute(string name, long durationUs, params TimelineEntry[] timeline) =>
            FaultCatalogueRun.Execute(Cluster.Scenario(name, Duration.FromMicroseconds(durationUs), timeline));

        private static long CeilSeconds(long us) => (us + 999_999) / 1_000_000 * 1_000_000;
    }

    private static TimelineEntry At(long us, TimelineAction action) => new(Duration.FromMicroseconds(us), action);

    private static FaultVerdict Startup(FaultCatalogueRun run, Plan plan)
    {
        var parts = new List<string>();
        bool ok = true;
        foreach (byte vrid in run.Vrids)
        {
            List<string> masters = run.MastersAt(vrid, plan.T0);
            if (masters.Count == 1)
            {
                var first = run.FirstTakeover(vrid, 0, null);
                parts.Add($"VRID {vrid}: {masters[0]} MASTER since {Time(first?.TimeUs ?? 0)}");
            }
            else
            {
                ok = false;
                parts.Add(masters.Count == 0
                    ? $"VRID {vrid}: no MASTER at {Time(plan.T0)}: the VIP is down"
                    : $"VRID {vrid}: {N(masters.Count)} MASTERs at {Time(plan.T0)} ({Names(masters)}): split brain");
            }
        }

        string drops = run.DropReasons();
        if (!ok && drops.Length > 0)
        {
            parts.Add("adverts dropped: " + drops);
        }

        return new FaultVerdict("startup: every host starts keepalived at 0s", ok, string.Join("; ", parts));
    }

    private static FaultVerdict Crash(Plan plan, byte vrid, string m)
    {
        long t0 = plan.T0;
        FaultCatalogueRun run = plan.Execute("check-master-crash", t0 + plan.Window, At(t0, new CrashAction([m])));
        return Failover($"master crash: {m} powers off at {Time(t0)}", run, plan, vrid, m, t0, t0, t0) with { Run = run.Result, FaultAtUs = t0 };
    }

    private static FaultVerdict Stop(Plan plan, byte vrid, string m)
    {
        long t0 = plan.T0;
        FaultCatalogueRun run = plan.Execute("check-graceful-stop", t0 + plan.Window, At(t0, new StopAction([m])));
        return Failover($"graceful stop: keepalived on {m} gets SIGTERM at {Time(t0)}", run, plan, vrid, m, t0, t0, t0) with { Run = run.Result, FaultAtUs = t0 };
    }

    private static FaultVerdict Recovers(Plan plan, byte vrid, string m)
    {
        long t0 = plan.T0, back = t0 + plan.Window;
        FaultCatalogueRun run = plan.Execute("check-master-recovers", back + plan.Window,
            At(t0, new CrashAction([m])), At(back, new StartAction([m])));
        var problems = new List<string>();
        var taker = run.FirstTakeover(vrid, t0, m);
        List<string> final = run.MastersAt(vrid, run.Result.EndUs);
        string returned = final.Count == 1 && final[0] == m
            ? $"{m} took the VIP back (preemption: a second VIP move)"
            : final.Count == 1 ? $"{m} stayed BACKUP, {final[0]} kept the VIP (no failback)" : "";
        CheckEnd(run, plan, vrid, t0, back, problems);
        string evidence = (taker is null ? "nobody took over while it was down" : $"{taker.Node} took over {Time(taker.TimeUs - t0)} after the crash")
            + $"; {m} boots at {Time(back)}: " + (returned.Length > 0 ? returned : $"MASTER at the end: {Names(final)}")
            + $"; {run.VipMovesText(vrid, t0)}; client outage after the return: {Outage(run, vrid, back)}";
        return Verdict($"master recovers: {m} crashes at {Time(t0)} and boots again at {Time(back)}", taker is not null, problems, evidence) with { Run = run.Result, FaultAtUs = t0 };
    }

    private static FaultVerdict HealthCheck(Plan plan, byte vrid, string m)
    {
        NodeSpec node = plan.Cluster.Nodes.First(n => n.Name == m);
        VrrpInstanceConfig? instance = node.Config.Instances.FirstOrDefault(i => i.VirtualRouterId == vrid && !i.TrackScripts.IsDefaultOrEmpty);
        TrackedScript? script = instance is null ? null : node.Config.Scripts.FirstOrDefault(s => s.Name == instance.TrackScripts[0].Name);
        if (instance is null || script is null)
        {
            return new FaultVerdict("health-check failure", true, $"not applicable: {m}'s instance of VRID {vrid} tracks no vrrp_script");
        }

        // Set the result between two runs of the script (runs fall on whole intervals from the start).
        long t0 = plan.T0 + 1_000;
        long detect = script.Interval.Microseconds * Math.Max(1, script.Fall);
        FaultCatalogueRun run = plan.Execute("check-health-check", plan.T0 + detect + plan.Window, At(t0, new ScriptAction(m, script.Name, false)));
        var problems = new List<string>();
        List<string> final = run.MastersAt(vrid, run.Result.EndUs);
        CheckEnd(run, plan, vrid, t0, t0, problems);
        if (final.Count == 1 && final[0] == m)
        {
            problems.Add($"the VIP stayed on {m}: a failing {script.Name} does not move it (weight {instance.TrackScripts[0].Weight ?? script.Weight})");
        }

        var taker = run.FirstTakeover(vrid, t0, m);
        string evidence = $"{m} is {run.StateAt(m, vrid, run.Result.EndUs).ToString().ToUpperInvariant()} at the end; "
            + (taker is null ? "nobody took over" : $"{taker.Node} took over {Time(taker.TimeUs - t0)} after the check started failing")
            + $"; client outage {Outage(run, vrid, t0)}; {run.VipMovesText(vrid, t0)}; MASTER at the end: {Names(final)}";
        return Verdict($"health-check failure: {script.Name} starts failing on {m} at {Time(t0)}", true, problems, evidence) with { Run = run.Result, FaultAtUs = t0 };
    }

    private static FaultVerdict LossBurst(Plan plan, byte vrid, string m)
    {
        long t0 = plan.T0, length = plan.Cluster.MaxMasterDown.Microseconds + plan.Cluster.AdvertInterval.Microseconds;
        long end = t0 + length;
        FaultCatalogueRun run = plan.Execute("check-loss-burst", end + plan.Window,
            At(t0, new LossAction(FaultCatalogueCluster.Segment, Rate.Always)), At(end, new LossAction(FaultCatalogueCluster.Segment, Rate.Zero)));
        return AfterDisruption($"packet loss burst: 100% loss on the LAN from {Time(t0)} for {Time(length)}", run, plan, vrid, t0, end) with { Run = run.Result, FaultAtUs = t0 };
    }

    private static FaultVerdict Partition(Plan plan, byte vrid, string m)
    {
        long t0 = plan.T0, length = plan.Cluster.MaxMasterDown.Microseconds + (2 * plan.Cluster.AdvertInterval.Microseconds);
        long end = t0 + length;
        var others = plan.Cluster.Nodes.Select(n => n.Name).Where(n => n != m).ToImmutableArray();
        FaultCatalogueRun run = plan.Execute("check-partition", end + plan.Window,
            At(t0, new PartitionAction([[m], others])), At(end, new HealAction()));
        return AfterDisruption($"partition: {m} cut off from the others at {Time(t0)} for {Time(length)}, then healed", run, plan, vrid, t0, end) with { Run = run.Result, FaultAtUs = t0 };
    }

    /// <summary>A master that goes away: someone must take over, one MASTER at the end.</summary>
    private static FaultVerdict Failover(string fault, FaultCatalogueRun run, Plan plan, byte vrid, string m, long t0, long allowFrom, long allowTo)
    {
        var problems = new List<string>();
        var taker = run.FirstTakeover(vrid, t0, m);
        CheckEnd(run, plan, vrid, allowFrom, allowTo, problems);
        List<string> final = run.MastersAt(vrid, run.Result.EndUs);
        string evidence = (taker is null ? "nobody took over" : $"{taker.Node} MASTER {Time(taker.TimeUs - t0)} later")
            + $"; client outage {Outage(run, vrid, t0)}; {run.VipMovesText(vrid, t0)}; MASTER at the end: {Names(final)}";
        return Verdict(fault, taker is not null, problems, evidence);
    }

    /// <summary>A disruption that heals: one MASTER again within one MDI plus latency of the heal.</summary>
    private static FaultVerdict AfterDisruption(string fault, FaultCatalogueRun run, Plan plan, byte vrid, long t0, long end)
    {
        var problems = new List<string>();
        List<string> during = run.MastersAt(vrid, end - 1);
        CheckEnd(run, plan, vrid, t0, end + plan.Grace, problems);
        List<string> settled = run.MastersAt(vrid, end + plan.Cluster.MaxMasterDown.Microseconds + LatencyUs);
        if (settled.Count != 1)
        {
            problems.Add($"{N(settled.Count)} MASTERs one MDI after the heal ({Names(settled)})");
        }

        List<string> final = run.MastersAt(vrid, run.Result.EndUs);
        string evidence = $"MASTER during it: {Names(during)}; MASTER at the end: {Names(final)}; "
            + $"{run.VipMovesText(vrid, t0)}; client outage {Outage(run, vrid, t0)}";
        return Verdict(fault, true, problems, evidence);
    }

    /// <summary>One MASTER per VRID at the end, and no split brain outside [allowFrom, allowTo).</summary>
    private static void CheckEnd(FaultCatalogueRun run, Plan plan, byte vrid, long allowFrom, long allowTo, List<string> problems)
    {
        foreach (byte v in run.Vrids)
        {
            List<string> final = run.MastersAt(v, run.Result.EndUs);
            if (final.Count == 0)
            {
                problems.Add($"VRID {v}: no MASTER at the end: the VIP is down");
            }
            else if (final.Count > 1)
            {
                problems.Add($"VRID {v}: {N(final.Count)} MASTERs at the end ({Names(final)}): split brain");
            }
        }

        if (run.LongestSplitBrain(allowFrom, allowTo) is { } sb && sb.End - sb.Start > plan.Grace)
        {
            problems.Add($"{sb.A} and {sb.B} both MASTER and in reach of each other from {Time(sb.Start)} to {Time(sb.End)}");
        }

        _ = vrid;
    }

    private static string Outage(FaultCatalogueRun run, byte vrid, long afterUs) =>
        run.LongestOutage(vrid, afterUs) is { } o ? $"{Time(o.End - o.Start)} (from {Time(o.Start)})" : "none";

    private static FaultVerdict Verdict(string fault, bool tookOver, List<string> problems, string evidence)
    {
        if (!tookOver)
        {
            problems.Insert(0, "no other host took over");
        }

        return problems.Count == 0
            ? new FaultVerdict(fault, true, evidence)
            : new FaultVerdict(fault, false, string.Join("; ", problems) + " | " + evidence);
    }
}
