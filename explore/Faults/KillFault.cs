using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>keepalived is killed (SIGKILL: no priority 0, VIPs left behind) at the start and started again at the end.</summary>
public sealed record KillFault(long AtUs, long ForUs, string Node) : NodeDownFault(AtUs, ForUs, Node)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Kill;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new KillAction([Node]);
}
