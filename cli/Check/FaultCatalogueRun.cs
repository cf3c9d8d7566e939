using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli.Check;

/// <summary>One simulation of the fault catalogue and the facts <c>check</c> reports about it.</summary>
internal sealed class FaultCatalogueRun
{
    private FaultCatalogueRun(SimulationResult result) => Result = result;

    /// <summary>The simulation's result.</summary>
    public SimulationResult Result { get; }

    private SimHistory History => Result.History;

    /// <summary>Runs <paramref name="scenario"/> (changes-level trace: states, VIPs, drops).</summary>
    public static FaultCatalogueRun Execute(Scenario scenario) =>
        new(new Simulator(scenario, new SimulationOptions { Recording = RecordingLevel.Changes }).Run());

    /// <summary>The VRIDs of the cluster, in order of first appearance.</summary>
    public ImmutableArray<byte> Vrids => [.. History.Instances.Select(i => i.Vrid).Distinct()];

    /// <summary>The nodes whose instance of <paramref name="vrid"/> is MASTER at <paramref name="us"/>.</summary>
    public List<string> MastersAt(byte vrid, long us) =>
        [.. History.Instances.Where(i => i.Vrid == vrid && History.StateAt(i.Node, i.Instance, us) == VrrpState.Master).Select(i => i.Node).Distinct()];

    /// <summary>The first entry into MASTER of <paramref name="vrid"/> at or after <paramref name="afterUs"/> by a node other than <paramref name="except"/>.</summary>
    public StateRecord? FirstTakeover(byte vrid, long afterUs, string? except) =>
        History.States.FirstOrDefault(s => s.Vrid == vrid && s.To == VrrpState.Master && s.TimeUs >= afterUs && s.Node != except);

    /// <summary>The longest interval after <paramref name="afterUs"/> during which the segment's client could not reach a VIP of <paramref name="vrid"/>.</summary>
    public (long Start, long End)? LongestOutage(byte vrid, long afterUs)
    {
        var vips = History.Instances.Where(i => i.Vrid == vrid).SelectMany(i => i.Vips).ToHashSet();
        (long Start, long End)? worst = null;
        foreach (ClientView view in History.Clients.Where(c => vips.Contains(c.Vip)))
        {
            foreach (var (start, end) in view.Outages)
            {
                long s = Math.Max(start, afterUs), e = Math.Min(end, History.EndUs);
                if (e > s && (worst is null || e - s > worst.Value.End - worst.Value.Start))
                {
                    worst = (s, e);
                }
            }
        }

        return worst;
    }

    /// <summary>
    /// Who held <paramref name="vrid"/>'s first VIP from <paramref name="afterUs"/> on: the sequence of
    /// holder sets (empty sets and repeats left out), e.g. <c>a, a+b, a</c> after a loss burst.
    /// </summary>
    public List<string> VipHolders(byte vrid, long afterUs)
    {
        IPAddress? vip = History.Instances.Where(i => i.Vrid == vrid).SelectMany(i => i.Vips).FirstOrDefault();
        var path = new List<string>();
        if (vip is null)
        {
            return path;
        }

        var holders = new SortedSet<string>(StringComparer.Ordinal);
        void Note()
        {
            string set = string.Join("+", holders);
            if (set.Length > 0 && (path.Count == 0 || path[^1] != set))
            {
                path.Add(set);
            }
        }

        foreach (VipRecord r in History.Vips.Where(r => r.Address.Equals(vip)))
        {
            if (r.TimeUs >= afterUs)
            {
                Note();
            }

            if (r.Added)
            {
                holders.Add(r.Node);
            }
            else
            {
                holders.Remove(r.Node);
            }
        }

        Note();
        return path;
    }

    /// <summary>
    /// <c>VIP a -> a+b -> a: 0 move(s)</c>: the holder sets, and the moves counted as changes of the
    /// single holder (a moment with two holders, as after a split brain, is not a move by itself).
    /// </summary>
    public string VipMovesText(byte vrid, long afterUs)
    {
        List<string> path = VipHolders(vrid, afterUs);
        if (path.Count == 0)
        {
            return "VIP held by nobody";
        }

        var single = path.Where(p => !p.Contains('+', StringComparison.Ordinal)).ToList();
        int moves = single.Zip(single.Skip(1)).Count(p => p.First != p.Second);
        return $"VIP {string.Join(" -> ", path)}: {N(moves)} move(s)";
    }

    /// <summary>
    /// The longest time two MASTERs of one VRID could reach each other, leaving out the window
    /// [<paramref name="allowFromUs"/>, <paramref name="allowToUs"/>) where the fault explains it.
    /// </summary>
    public (string A, string B, long Start, long End)? LongestSplitBrain(long allowFromUs, long allowToUs)
    {
        (string, string, long, long)? worst = null;
        ImmutableArray<InstanceInfo> all = History.Instances;
        for (int i = 0; i < all.Length; i++)
        {
            for (int j = i + 1; j < all.Length; j++)
            {
                if (all[i].Vrid != all[j].Vrid || all[i].Node == all[j].Node)
                {
                    continue;
                }

                foreach (var (start, end) in ExpectationEvaluator.BothMaster(all[i], all[j], History))
                {
                    foreach (var (s, e) in new[] { (start, Math.Min(end, allowFromUs)), (Math.Max(start, allowToUs), end) })
                    {
                        if (e > s && (worst is null || e - s > worst.Value.Item4 - worst.Value.Item3))
                        {
                            worst = (all[i].Node, all[j].Node, s, e);
                        }
                    }
                }
            }
        }

        return worst;
    }

    /// <summary>Why adverts were dropped, most frequent first, e.g. <c>interval_mismatch x12</c>.</summary>
    public string DropReasons() =>
        string.Join(", ", Result.Trace.Where(e => e.Kind == TraceKind.AdvertDrop && e.Reason is not null)
            .GroupBy(e => e.Reason!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} x{g.Count()}"));

    /// <summary>The state of <paramref name="node"/>'s instance of <paramref name="vrid"/> at <paramref name="us"/>.</summary>
    public VrrpState StateAt(string node, byte vrid, long us) =>
        History.Instances.FirstOrDefault(i => i.Node == node && i.Vrid == vrid) is { } inst ? History.StateAt(node, inst.Instance, us) : VrrpState.Init;

    /// <summary><c>30.805s</c>.</summary>
    public static string Time(long us) => Duration.FormatSeconds(us);

    /// <summary>A list of names, or <c>none</c>.</summary>
    public static string Names(IReadOnlyCollection<string> names) => names.Count == 0 ? "none" : string.Join(" and ", names);

    /// <summary>Invariant number formatting.</summary>
    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
