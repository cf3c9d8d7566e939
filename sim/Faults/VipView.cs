using System.Collections.Immutable;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Clusters;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Faults;

/// <summary>
/// One run's history seen per VIP on the VIP's own segments (those whose clients use it): who
/// holds it when, what its clients experienced.
/// </summary>
internal sealed class VipView(DerivedCluster cluster, SimHistory history)
{
    private readonly Dictionary<(string Node, string Iface), string> _segmentOf =
        cluster.Interfaces.ToDictionary(i => (i.Node, i.Name), i => i.Segment);

    public SimHistory History { get; } = history;

    /// <summary>The hosts holding <paramref name="p"/>'s address on its segments after every event at <paramref name="us"/>, in node order.</summary>
    public ImmutableArray<string> HoldersAt(VipPlacement p, long us)
    {
        var holders = new HashSet<(string Node, string Iface)>();
        foreach (VipRecord r in History.Vips)
        {
            if (r.TimeUs > us)
            {
                break;
            }

            if (!r.Address.Equals(p.Address) || !OnSegments(p, r))
            {
                continue;
            }

            if (r.Added)
            {
                holders.Add((r.Node, r.Interface));
            }
            else
            {
                holders.Remove((r.Node, r.Interface));
            }
        }

        return [.. History.Nodes.Where(n => holders.Any(h => h.Node == n))];
    }

    /// <summary>When a host first held it (null: never).</summary>
    public long? FirstAcquired(VipPlacement p) =>
        History.Vips.FirstOrDefault(r => r.Added && r.Address.Equals(p.Address) && OnSegments(p, r))?.TimeUs;

    /// <summary>The first addition of the VIP at or after <paramref name="fromUs"/> by a host other than <paramref name="except"/>.</summary>
    public VipRecord? FirstAddBy(VipPlacement p, long fromUs, string? except) =>
        History.Vips.FirstOrDefault(r => r.TimeUs >= fromUs && r.Added && r.Node != except && r.Address.Equals(p.Address) && OnSegments(p, r));

    /// <summary>
    /// The longest client outage on its segments overlapping [<paramref name="fromUs"/>, end), or
    /// (<paramref name="startingFrom"/>) beginning at or after it: (start, length).
    /// </summary>
    public (long Start, long Length)? LongestOutage(VipPlacement p, long fromUs, bool startingFrom = false)
    {
        (long Start, long Length)? worst = null;
        foreach (ClientView v in History.Clients)
        {
            if (!v.Vip.Equals(p.Address) || !p.Segments.Contains(v.Segment))
            {
                continue;
            }

            foreach ((long s, long e) in v.Outages)
            {
                if (startingFrom && s < fromUs)
                {
                    continue;
                }

                long a = Math.Max(s, fromUs);
                long b = Math.Min(e, History.EndUs);
                if (b > a && (worst is null || b - a > worst.Value.Length))
                {
                    worst = (a, b - a);
                }
            }
        }

        return worst;
    }

    /// <summary>Whether a client on one of its segments cannot reach it at the end of the run.</summary>
    public bool UnreachableAtEnd(VipPlacement p) => History.Clients.Any(v =>
        v.Vip.Equals(p.Address) && p.Segments.Contains(v.Segment) && v.Outages.Count > 0 && v.Outages[^1].End >= History.EndUs);

    /// <summary>Changes of its single holder at or after <paramref name="fromUs"/>.</summary>
    public int MovesAfter(VipPlacement p, long fromUs) =>
        ExpectationEvaluator.VipMoves(p.Address, History).Count(m => m.TimeUs >= fromUs);

    /// <summary>When its single holder changed in [<paramref name="fromUs"/>, <paramref name="toUs"/>].</summary>
    public List<long> MovesBetween(VipPlacement p, long fromUs, long toUs) =>
        [.. ExpectationEvaluator.VipMoves(p.Address, History).Where(m => m.TimeUs >= fromUs && m.TimeUs <= toUs).Select(m => m.TimeUs)];

    private bool OnSegments(VipPlacement p, VipRecord r) =>
        _segmentOf.TryGetValue((r.Node, r.Interface), out string? seg) && p.Segments.Contains(seg);
}
