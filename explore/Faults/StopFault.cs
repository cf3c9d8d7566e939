using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>keepalived is stopped gracefully (SIGTERM) at the start and started again at the end.</summary>
public sealed record StopFault(long AtUs, long ForUs, string Node) : NodeDownFault(AtUs, ForUs, Node)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Stop;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new StopAction([Node]);
}
