using System.Collections.Immutable;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>
/// A random fault schedule for one run: when each node starts (all at 0s means <c>autostart</c>),
/// the faults, and the simulation seed (random loss and jitter).
/// </summary>
/// <param name="StartOffsetsUs">Start time of each node, in the cluster's node order.</param>
/// <param name="Faults">The faults, in generation order (no two share a resource at the same time).</param>
/// <param name="SimSeed">The simulator's seed.</param>
public sealed record Schedule(ImmutableArray<long> StartOffsetsUs, ImmutableArray<Fault> Faults, ulong SimSeed)
{
    /// <summary>Whether every node starts at 0s (written as <c>autostart: true</c>).</summary>
    public bool Autostart
    {
        get
        {
            foreach (long o in StartOffsetsUs)
            {
                if (o != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The timeline: node starts (unless autostart), each fault's beginning and end. At one instant,
    /// ends come first, then starts, then beginnings, each in schedule order.
    /// </summary>
    public ImmutableArray<TimelineEntry> Timeline(ImmutableArray<string> nodes)
    {
        var entries = new List<(long At, int Order, int Seq, TimelineAction Action)>();
        int seq = 0;
        if (!Autostart)
        {
            for (int i = 0; i < StartOffsetsUs.Length && i < nodes.Length; i++)
            {
                entries.Add((StartOffsetsUs[i], 1, seq++, new StartAction([nodes[i]])));
            }
        }

        foreach (Fault f in Faults)
        {
            entries.Add((f.AtUs, 2, seq++, f.Begin()));
            if (f.Undo() is { } end)
            {
                entries.Add((f.EndUs, 0, seq++, end));
            }
        }

        entries.Sort((x, y) => x.At != y.At ? x.At.CompareTo(y.At) : x.Order != y.Order ? x.Order.CompareTo(y.Order) : x.Seq.CompareTo(y.Seq));
        var builder = ImmutableArray.CreateBuilder<TimelineEntry>(entries.Count);
        foreach (var e in entries)
        {
            builder.Add(new TimelineEntry(Duration.FromMicroseconds(e.At), e.Action));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>How many timeline actions the schedule has (what shrinking minimises first).</summary>
    public int ActionCount
    {
        get
        {
            int n = Autostart ? 0 : StartOffsetsUs.Length;
            foreach (Fault f in Faults)
            {
                n += f.Undo() is null ? 1 : 2;
            }

            return n;
        }
    }

    /// <summary>When the last action happens (0 without actions).</summary>
    public long LastActionUs
    {
        get
        {
            long last = 0;
            foreach (long o in StartOffsetsUs)
            {
                last = Math.Max(last, o);
            }

            foreach (Fault f in Faults)
            {
                last = Math.Max(last, f.Undo() is null ? f.AtUs : f.EndUs);
            }

            return last;
        }
    }
}
