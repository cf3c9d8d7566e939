using System.Collections.Immutable;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Events;

namespace VrrpLab.Lab.Running;

/// <summary>One instance's sequence of states in the simulator and for real (INIT left out).</summary>
/// <remarks>
/// <see cref="Sim"/> is the simulator replayed with the measured start-ups, <see cref="Plain"/> its plain
/// prediction (instant start-ups). Start-ups are measured from log lines, late by the log's latency
/// (milliseconds, tens under load): when two nodes start within that of each other either phase is a
/// fair prediction, so the real sequence matches when it equals either.
/// </remarks>
public sealed record SequenceDiff(string Node, string Instance, ImmutableArray<VrrpState> Sim, ImmutableArray<VrrpState> Real)
{
    /// <summary>The plain prediction's sequence (instant start-ups).</summary>
    public ImmutableArray<VrrpState> Plain { get; init; } = Sim;

    /// <summary>True when the real sequence equals the replayed or the plain prediction.</summary>
    public bool Same => Sim.SequenceEqual(Real) || Plain.SequenceEqual(Real);

    /// <summary>The first index where they differ (the shorter's length if one is a prefix of the other), or -1.</summary>
    public int FirstDifference
    {
        get
        {
            int n = Math.Min(Sim.Length, Real.Length);
            for (int i = 0; i < n; i++)
            {
                if (Sim[i] != Real[i])
                {
                    return i;
                }
            }

            return Sim.Length == Real.Length ? -1 : n;
        }
    }
}

/// <summary>A takeover (entry into MASTER) and the event that caused it.</summary>
/// <param name="AtUs">When the node entered MASTER.</param>
/// <param name="CauseUs">When its cause happened.</param>
/// <param name="Cause">The cause in words: <c>priority-0 advert from node1</c>, <c>last advert from node1</c>, <c>its BACKUP entry</c>.</param>
public sealed record Takeover(long AtUs, long CauseUs, string Cause)
{
    /// <summary>The delay from cause to takeover.</summary>
    public long DelayUs => AtUs - CauseUs;
}

/// <summary>The k-th takeover of one instance in the simulator and for real.</summary>
public sealed record TakeoverDiff(string Node, string Instance, int Index, Takeover? Sim, Takeover? Real)
{
    /// <summary>Real delay minus simulated delay (µs), when both exist.</summary>
    public long? DifferenceUs => Sim is not null && Real is not null ? Real.DelayUs - Sim.DelayUs : null;
}

/// <summary>
/// The sim-vs-real diff of one run: per instance the simulator's and the real sequence of states, and
/// for each takeover the delay from its cause in both worlds and their difference.
/// </summary>
public sealed class LabDiff
{
    private LabDiff(ImmutableArray<SequenceDiff> sequences, ImmutableArray<TakeoverDiff> takeovers)
    {
        Sequences = sequences;
        Takeovers = takeovers;
    }

    /// <summary>One entry per instance.</summary>
    public ImmutableArray<SequenceDiff> Sequences { get; }

    /// <summary>One entry per takeover seen in either world.</summary>
    public ImmutableArray<TakeoverDiff> Takeovers { get; }

    /// <summary>True when every instance went through the same states in both worlds.</summary>
    public bool SequencesMatch => Sequences.All(s => s.Same);

    /// <summary>The largest |real - sim| takeover delay difference (µs), or null when no takeover pairs up.</summary>
    public long? LargestDifferenceUs =>
        Takeovers.Where(t => t.DifferenceUs is not null).Select(t => Math.Abs(t.DifferenceUs!.Value)).DefaultIfEmpty(-1).Max() is var m and >= 0 ? m : null;

    /// <summary>Compares the simulator's history and log with the lab's.</summary>
    public static LabDiff Compute(SimHistory sim, SimHistory real, SimHistory? plain = null)
    {
        var sequences = ImmutableArray.CreateBuilder<SequenceDiff>();
        var takeovers = ImmutableArray.CreateBuilder<TakeoverDiff>();
        foreach (InstanceInfo inst in real.Instances)
        {
            ImmutableArray<VrrpState> s = [.. sim.StatesOf(inst.Node, inst.Instance).Select(r => r.To).Where(x => x != VrrpState.Init)];
            ImmutableArray<VrrpState> r = [.. real.StatesOf(inst.Node, inst.Instance).Select(x => x.To).Where(x => x != VrrpState.Init)];
            ImmutableArray<VrrpState> p = plain is null ? s : [.. plain.StatesOf(inst.Node, inst.Instance).Select(x => x.To).Where(x => x != VrrpState.Init)];
            sequences.Add(new SequenceDiff(inst.Node, inst.Instance, s, r) { Plain = p });
            List<Takeover> st = TakeoversOf(sim, inst);
            List<Takeover> rt = TakeoversOf(real, inst);
            for (int k = 0; k < Math.Max(st.Count, rt.Count); k++)
            {
                takeovers.Add(new TakeoverDiff(inst.Node, inst.Instance, k, k < st.Count ? st[k] : null, k < rt.Count ? rt[k] : null));
            }
        }

        return new LabDiff(sequences.ToImmutable(), [.. takeovers.OrderBy(t => t.Real?.AtUs ?? t.Sim?.AtUs ?? 0)]);
    }

    /// <summary>
    /// Every MASTER entry of <paramref name="inst"/> with its cause: the latest of its own BACKUP entry
    /// and the last advert another node sent for the VRID before it that could have restarted its
    /// Master_Down timer (a priority-0 one names the resignation).
    /// </summary>
    public static List<Takeover> TakeoversOf(SimHistory h, InstanceInfo inst)
    {
        var adverts = h.Log.OfType<AdvertSentRecord>().Where(a => a.Vrid == inst.Vrid && a.Node != inst.Node).ToList();
        var list = new List<Takeover>();
        IReadOnlyList<StateRecord> states = h.StatesOf(inst.Node, inst.Instance);
        long lastBackup = -1;
        int ai = -1;
        foreach (StateRecord r in states)
        {
            if (r.To == VrrpState.Master)
            {
                while (ai + 1 < adverts.Count && adverts[ai + 1].TimeUs < r.TimeUs)
                {
                    ai++;
                }

                // An advert of a lower priority than this node's own (its first advert as MASTER says it)
                // followed by this MASTER entry sooner than 3 x advert_int did not restart the Master_Down
                // timer (a restarted one runs at least that long): the preempting BACKUP ignored it, as it
                // ignores every advert of that sender at that priority; none of them is the cause.
                AdvertSentRecord? last = ai >= 0 ? adverts[ai] : null;
                AdvertSentRecord? own = h.Log.OfType<AdvertSentRecord>().FirstOrDefault(a => a.Vrid == inst.Vrid && a.Node == inst.Node && a.TimeUs >= r.TimeUs);
                if (last is { Priority: > 0 } ignored && own is not null && ignored.Priority < own.Priority
                    && r.TimeUs - ignored.TimeUs < 3 * inst.AdvertInterval.Microseconds)
                {
                    last = null;
                    for (int j = ai - 1; j >= 0 && adverts[j].TimeUs >= lastBackup; j--)
                    {
                        if (adverts[j].Node != ignored.Node || adverts[j].Priority != ignored.Priority)
                        {
                            last = adverts[j];
                            break;
                        }
                    }
                }

                if (last is not null && last.TimeUs >= lastBackup)
                {
                    list.Add(new Takeover(r.TimeUs, last.TimeUs, (last.Priority == 0 ? "priority-0 advert from " : "last advert from ") + last.Node));
                }
                else if (lastBackup >= 0)
                {
                    list.Add(new Takeover(r.TimeUs, lastBackup, "its BACKUP entry"));
                }
                else
                {
                    list.Add(new Takeover(r.TimeUs, 0, "time 0"));
                }
            }
            else if (r.To == VrrpState.Backup)
            {
                lastBackup = r.TimeUs;
            }
        }

        return list;
    }
}
