using System.Collections.Immutable;
using VrrpLab.Config.Lint;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Clusters;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Faults;

/// <summary>
/// The fault simulation of <c>vrrplab check</c> (spec/cli.md): the hosts' configurations run in the
/// simulator as <see cref="ClusterDerivation"/> derives the cluster; first a startup check (every
/// VIP held by exactly one host), then, for every host, every fault of domain.md section 5 (crash,
/// graceful stop, SIGKILL with its stale VIP, each tracked script failing with its weight, each
/// tracked interface down, a pause, a reboot behind a late link, a partition), and for every VRID
/// on every segment garbage naming it ("garbage for VRID 51 at 200/s"), each from a fresh start; at depth 2 every pair of them too (the failure-tolerance question: which two failures
/// leave no VIP, or two?). Every case is judged per VIP from its clients' view.
/// </summary>
public static class FaultCatalogue
{
    /// <summary>Runs the catalogue against <paramref name="cluster"/>.</summary>
    public static CatalogueResult Run(DerivedCluster cluster, CatalogueOptions? options = null)
    {
        options ??= new CatalogueOptions();
        FaultTiming timing = FaultTiming.For(cluster);
        if (cluster.Vips.IsEmpty)
        {
            return new CatalogueResult(cluster, timing, null, [], "not run: no vrrp_instance carries a virtual address", options.Depth);
        }

        StartupOutcome startup = Startup(cluster, timing, options);
        if (!startup.Passed)
        {
            return new CatalogueResult(cluster, timing, startup, [], "not run: the cluster does not start with one holder per VIP (see startup)", options.Depth);
        }

        if (cluster.Hosts.Length < 2)
        {
            return new CatalogueResult(cluster, timing, startup, [], "not run: it needs the keepalived.conf of at least two hosts", options.Depth);
        }

        ImmutableArray<Fault> faults = Plan(cluster, options);
        var outcomes = ImmutableArray.CreateBuilder<FaultOutcome>();
        long onset = timing.Onset.Microseconds;
        foreach (Fault f in faults)
        {
            outcomes.Add(FaultJudge.Run(cluster, timing, options, [(f, onset)], startup));
        }

        if (options.Depth >= 2)
        {
            long second = onset + timing.Settle.Microseconds;
            for (int i = 0; i < faults.Length; i++)
            {
                for (int j = i + 1; j < faults.Length; j++)
                {
                    if (Combinable(faults[i], faults[j]))
                    {
                        outcomes.Add(FaultJudge.Run(cluster, timing, options, [(faults[i], onset), (faults[j], second)], startup));
                    }
                }
            }
        }

        return new CatalogueResult(cluster, timing, startup, outcomes.ToImmutable(), null, options.Depth);
    }

    /// <summary>
    /// Every single fault, host by host in file order: crash, graceful stop, SIGKILL, each tracked
    /// script failing, each interface keepalived tracks (its own and <c>track_interface</c>) down,
    /// pause, reboot behind a late link, partition; then garbage (<see cref="Fault.FloodRate"/>/s) for
    /// every VRID on every segment it runs on.
    /// </summary>
    public static ImmutableArray<Fault> Plan(DerivedCluster cluster, CatalogueOptions? options = null)
    {
        var list = ImmutableArray.CreateBuilder<Fault>();
        for (int h = 0; h < cluster.Hosts.Length; h++)
        {
            RouterConfig config = cluster.Hosts[h].Config;
            string node = cluster.Nodes[h].Name;
            list.Add(new Fault(FaultKind.Crash, node));
            list.Add(new Fault(FaultKind.Stop, node));
            list.Add(new Fault(FaultKind.Kill, node));
            foreach (string name in config.Instances.SelectMany(i => i.TrackScripts).Select(t => t.Name).Distinct(StringComparer.Ordinal))
            {
                TrackedScript? script = config.Scripts.FirstOrDefault(s => s.Name == name);
                if (script is null)
                {
                    continue;
                }

                ScriptTrack track = config.Instances.SelectMany(i => i.TrackScripts).First(t => t.Name == name);
                list.Add(new Fault(FaultKind.ScriptFails, node, name)
                {
                    Script = script,
                    Weight = Engine.StateMachine.EffectivePriorityRule.Weight(track, script),
                    ScriptEffect = CheckScriptAnalysis.Analyze(script, options?.ScriptFiles) is { End: not KeepalivedEnd.None } e ? e : ScriptEffect.Nothing,
                });
            }

            foreach (string iface in config.Instances.Select(i => i.Interface).Distinct(StringComparer.Ordinal))
            {
                list.Add(new Fault(FaultKind.InterfaceDown, node, iface) { OwnInterface = true });
            }

            foreach (InterfaceTrack t in config.Instances.SelectMany(i => i.TrackInterfaces).DistinctBy(t => t.Interface))
            {
                if (!config.Instances.Any(i => i.Interface == t.Interface))
                {
                    list.Add(new Fault(FaultKind.InterfaceDown, node, t.Interface) { Weight = t.Weight });
                }
            }

            list.Add(new Fault(FaultKind.Pause, node));
            list.Add(new Fault(FaultKind.RebootLateLink, node));
            list.Add(new Fault(FaultKind.Partition, node));
        }

        // Garbage for every VRID on every segment it runs on, in order of first appearance.
        var floods = new List<(string Segment, byte Vrid)>();
        for (int h = 0; h < cluster.Hosts.Length; h++)
        {
            string node = cluster.Nodes[h].Name;
            foreach (VrrpInstanceConfig i in cluster.Hosts[h].Config.Instances)
            {
                if (cluster.InterfacesOf(node).FirstOrDefault(x => x.Name == i.Interface) is { } iface && !floods.Contains((iface.Segment, i.VirtualRouterId)))
                {
                    floods.Add((iface.Segment, i.VirtualRouterId));
                }
            }
        }

        foreach ((string segment, byte vrid) in floods)
        {
            list.Add(new Fault(FaultKind.Flood, segment) { Vrid = vrid });
        }

        return list.ToImmutable();
    }

    /// <summary>
    /// Two faults make a pair when they are on different hosts, or both only change what one host
    /// tracks (scripts, interfaces): a crashed host cannot also be paused.
    /// </summary>
    public static bool Combinable(Fault a, Fault b) =>
        a.Node != b.Node || (IsTracking(a) && IsTracking(b));

    private static bool IsTracking(Fault f) => f.Kind is FaultKind.ScriptFails or FaultKind.InterfaceDown && !f.TakesHostDown;

    private static StartupOutcome Startup(DerivedCluster cluster, FaultTiming timing, CatalogueOptions options)
    {
        long at = timing.Onset.Microseconds;
        Scenario scenario = cluster.Scenario("check-startup", timing.Onset, []);
        SimulationResult run = new Simulator(scenario, new SimulationOptions { Recording = Tracing.RecordingLevel.Changes }).Run();
        var view = new VipView(cluster, run.History);
        var vips = ImmutableArray.CreateBuilder<StartupVip>();
        foreach (VipPlacement p in cluster.Vips)
        {
            var holders = view.HoldersAt(p, at).Select(n => (n, p.Holders.First(h => h.Node == n).Vrid)).ToImmutableArray();
            long? since = view.FirstAcquired(p);
            string? problem = holders.Length switch
            {
                1 => null,
                0 => $"held by nobody at {Duration.FormatSeconds(at)}: the VIP is down{Why(cluster, run, p, at)}",
                _ => holders.Select(h => h.Vrid).Distinct().Count() > 1
                    ? $"held by {string.Join(" and ", holders.Select(h => $"{h.n} (VRID {h.Vrid})"))} at {Duration.FormatSeconds(at)}: two VRIDs carry it, they never hear each other, so both hosts answer ARP for it (split brain)"
                    : $"held by {string.Join(" and ", holders.Select(h => h.n))} at {Duration.FormatSeconds(at)}: both MASTER of VRID {holders[0].Vrid} (split brain)",
            };
            vips.Add(new StartupVip(p.Address, holders, since, problem));
        }

        return new StartupOutcome(vips.ToImmutable(), at, DropReasons(run), scenario, run);
    }

    private static string Why(DerivedCluster cluster, SimulationResult run, VipPlacement p, long at)
    {
        var states = p.Holders.Select(h => $"{h.Node} {run.History.StateAt(h.Node, h.Instance, at).ToString().ToUpperInvariant()}").Distinct();
        return " (" + string.Join(", ", states) + ")";
    }

    /// <summary>Why adverts were dropped, most frequent first, e.g. <c>interval_mismatch x12</c>.</summary>
    internal static string DropReasons(SimulationResult run) =>
        string.Join(", ", run.Trace.Where(e => e.Kind == Tracing.TraceKind.AdvertDrop && e.Reason is not null)
            .GroupBy(e => e.Reason!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} x{g.Count()}"));
}
