namespace VrrpLab.Sim.Tests.Properties;

/// <summary>A state change of a node's (only) instance.</summary>
public sealed record StateChange(long Us, string Node, VrrpState From, VrrpState To);

/// <summary>An advert that reached a node's keepalived process, and whether the engine accepted it.</summary>
public sealed record Reception(long Us, string Node, int Priority, bool Accepted);

/// <summary>What the invariants look at in one run: state changes and advert receptions, in time order.</summary>
/// <param name="EndUs">The end of the run.</param>
/// <param name="States">Every state change.</param>
/// <param name="Receptions">Every advert received (accepted or dropped).</param>
public sealed record RunHistory(long EndUs, IReadOnlyList<StateChange> States, IReadOnlyList<Reception> Receptions)
{
    /// <summary>The intervals [start, end) during which <paramref name="node"/> was MASTER.</summary>
    public List<(long Start, long End)> MasterIntervals(string node)
    {
        var list = new List<(long Start, long End)>();
        long? open = null;
        foreach (StateChange s in States)
        {
            if (s.Node != node)
            {
                continue;
            }

            if (s.To == VrrpState.Master && open is null)
            {
                open = s.Us;
            }
            else if (s.To != VrrpState.Master && open is { } o)
            {
                list.Add((o, s.Us));
                open = null;
            }
        }

        if (open is { } last)
        {
            list.Add((last, EndUs));
        }

        return list;
    }

    /// <summary>The nodes that are MASTER after every change at or before <paramref name="us"/>.</summary>
    public List<string> MastersAt(long us)
    {
        var state = new Dictionary<string, VrrpState>(StringComparer.Ordinal);
        foreach (StateChange s in States)
        {
            if (s.Us > us)
            {
                break;
            }

            state[s.Node] = s.To;
        }

        return state.Where(kv => kv.Value == VrrpState.Master).Select(kv => kv.Key).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }
}
