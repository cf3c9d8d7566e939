using System.Globalization;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>An instance's effective priority changed (<c>priority</c>), e.g. by a tracked script's weight.</summary>
public sealed record PriorityRecord(long TimeUs, string Node, string Instance, int From, int To) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Priority;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Instance = Instance, Priority = To, Detail = "from " + From.ToString(CultureInfo.InvariantCulture) };
}
