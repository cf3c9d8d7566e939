using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>A notify script ran (or, in the simulator, would run) (<c>notify</c>): its command line.</summary>
public sealed record NotifyRecord(long TimeUs, string Node, string Instance, string CommandLine) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Notify;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Instance = Instance, Detail = CommandLine };
}
