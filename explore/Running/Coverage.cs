using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Wire;
using VrrpLab.Explore.Faults;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Explore.Running;

/// <summary>
/// What an exploration exercised, so its user knows what "found nothing" covers: VRRP states
/// entered, transitions taken, faults applied by kind and advertisements discarded by reason.
/// Fixed size whatever the number of runs; counts add up across threads and shards.
/// </summary>
public sealed class Coverage
{
    private static readonly int StateCount = Enum.GetValues<VrrpState>().Length;
    private static readonly int DropCount = Enum.GetValues<AdvertDropReason>().Length;

    /// <summary>Entries into each state (indexed by <see cref="VrrpState"/>).</summary>
    public long[] States { get; } = new long[StateCount];

    /// <summary>Transitions from each state to each state ([from * states + to]).</summary>
    public long[] Transitions { get; } = new long[StateCount * StateCount];

    /// <summary>Faults applied, by <see cref="FaultKind"/>.</summary>
    public long[] Faults { get; } = new long[FaultKinds.All.Length];

    /// <summary>Advertisements discarded, by <see cref="AdvertDropReason"/>.</summary>
    public long[] Drops { get; } = new long[DropCount];

    /// <summary>Simulator events processed (a measure of work).</summary>
    public long Events { get; set; }

    /// <summary>Adds one run.</summary>
    public void Add(Schedule schedule, SimulationResult result)
    {
        foreach (StateRecord r in result.History.States)
        {
            States[(int)r.To]++;
            Transitions[((int)r.From * StateCount) + (int)r.To]++;
        }

        foreach (Fault f in schedule.Faults)
        {
            Faults[(int)f.Kind]++;
        }

        for (int i = 0; i < result.AdvertDropsByReason.Count && i < Drops.Length; i++)
        {
            Drops[i] += result.AdvertDropsByReason[i];
        }

        Events += result.EventsProcessed;
    }

    /// <summary>Adds another coverage (another thread's or shard's).</summary>
    public void Add(Coverage other)
    {
        AddInto(States, other.States);
        AddInto(Transitions, other.Transitions);
        AddInto(Faults, other.Faults);
        AddInto(Drops, other.Drops);
        Events += other.Events;
    }

    /// <summary>The transition count from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public long Transition(VrrpState from, VrrpState to) => Transitions[((int)from * StateCount) + (int)to];

    private static void AddInto(long[] into, long[] from)
    {
        for (int i = 0; i < into.Length && i < from.Length; i++)
        {
            into[i] += from[i];
        }
    }
}
