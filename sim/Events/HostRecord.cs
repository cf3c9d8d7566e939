using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>A host powered on or off (<c>host</c>): a powered-off host has no addresses and hears nothing.</summary>
public sealed record HostRecord(long TimeUs, string Node, bool Up) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Host;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Detail = Up ? "up" : "down" };
}
