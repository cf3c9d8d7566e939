using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>keepalived is restarted: stopped gracefully at the start, started again a moment later (<c>systemctl restart</c>).</summary>
public sealed record RestartFault(long AtUs, long ForUs, string Node) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Restart;

    /// <inheritdoc/>
    public override string Resource => "node:" + Node;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new StopAction([Node]);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new StartAction([Node]);

    /// <inheritdoc/>
    public override Fault Moved(long atUs, long forUs) => this with { AtUs = atUs, ForUs = forUs };
}
