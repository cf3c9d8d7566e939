namespace VrrpLab.Sim.Tracing;

/// <summary>Collects <see cref="TraceEvent"/>s in time order, keeping what the <see cref="RecordingLevel"/> asks for.</summary>
public sealed class TraceRecorder(RecordingLevel level)
{
    private readonly List<TraceEvent> _events = [];

    /// <summary>The level.</summary>
    public RecordingLevel Level { get; } = level;

    /// <summary>True when per-packet events are kept.</summary>
    public bool Full => Level == RecordingLevel.Full;

    /// <summary>True when anything is kept.</summary>
    public bool Enabled => Level != RecordingLevel.None;

    /// <summary>The events so far, in time order.</summary>
    public IReadOnlyList<TraceEvent> Events => _events;

    /// <summary>True when events of <paramref name="kind"/> are kept.</summary>
    public bool Wants(TraceKind kind) => Level switch
    {
        RecordingLevel.None => false,
        RecordingLevel.Full => true,
        _ => kind is not (TraceKind.AdvertTx or TraceKind.AdvertRx or TraceKind.PacketLost or TraceKind.Log),
    };

    /// <summary>Adds <paramref name="e"/> if its kind is kept.</summary>
    public void Add(TraceEvent e)
    {
        if (Wants(e.Kind))
        {
            _events.Add(e);
        }
    }
}
