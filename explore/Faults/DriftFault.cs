using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>A node's clock runs at <see cref="Rate"/> times real time from the start, at real time again from the end.</summary>
public sealed record DriftFault(long AtUs, long ForUs, string Node, ClockRate Rate) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Drift;

    /// <inheritdoc/>
    public override string Resource => "drift:" + Node;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new DriftAction(Node, Rate);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new DriftAction(Node, ClockRate.RealTime);
}
