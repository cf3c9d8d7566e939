using System.Collections;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// A run's typed event log, in time order, keeping what its <see cref="RecordingLevel"/> asks for.
/// Whatever the level, it keeps the events the history is built from (<see cref="IsHistory"/>), so
/// expectations never depend on the level.
/// </summary>
public sealed class EventLog(RecordingLevel level) : IReadOnlyList<RunEvent>
{
    private readonly List<RunEvent> _events = [];

    /// <summary>The level.</summary>
    public RecordingLevel Level { get; } = level;

    /// <summary>True when per-packet events are kept.</summary>
    public bool Full => Level == RecordingLevel.Full;

    /// <inheritdoc/>
    public int Count => _events.Count;

    /// <inheritdoc/>
    public RunEvent this[int index] => _events[index];

    /// <summary>
    /// True for the kinds <see cref="SimHistory"/> is built from (actions, states, VIPs, hosts, links,
    /// the clients' neighbour entries and reachability): kept at every level.
    /// </summary>
    public static bool IsHistory(TraceKind kind) =>
        kind is TraceKind.Action or TraceKind.State or TraceKind.VipAdd or TraceKind.VipDel or TraceKind.Host
            or TraceKind.Link or TraceKind.ClientArp or TraceKind.Reach;

    /// <summary>True when events of <paramref name="kind"/> are kept.</summary>
    public bool Wants(TraceKind kind) => Level switch
    {
        RecordingLevel.Full => true,
        RecordingLevel.Changes => kind is not (TraceKind.AdvertTx or TraceKind.AdvertRx or TraceKind.PacketLost or TraceKind.Log),
        _ => IsHistory(kind),
    };

    /// <summary>Appends <paramref name="e"/> if its kind is kept. Events must come in time order.</summary>
    public void Add(RunEvent e)
    {
        if (Wants(e.Kind))
        {
            _events.Add(e);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<RunEvent> GetEnumerator() => _events.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
