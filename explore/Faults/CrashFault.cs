using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>The host powers off at the start (silent, its VIPs vanish) and boots with keepalived at the end.</summary>
public sealed record CrashFault(long AtUs, long ForUs, string Node) : NodeDownFault(AtUs, ForUs, Node)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Crash;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new CrashAction([Node]);
}
