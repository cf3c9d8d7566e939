using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>An interface's carrier went up or down (<c>link</c>).</summary>
public sealed record LinkRecord(long TimeUs, string Node, string Interface, bool Up) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Link;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Interface = Interface, Detail = Up ? "up" : "down" };
}
