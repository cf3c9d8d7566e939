using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>A keepalived-style log line (<c>log</c>): the engine's in the simulator, the daemon's own in the lab.</summary>
public sealed record LogRecord(long TimeUs, string Node, string? Instance, string Text) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Log;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Instance = Instance, Detail = Text };
}
