using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>keepalived is restarted: stopped gracefully at the start, started again a moment later (<c>systemctl restart</c>).</summary>
public sealed record RestartFault(long AtUs, long ForUs, string Node) : NodeDownFault(AtUs, ForUs, Node)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Restart;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new StopAction([Node]);
}
