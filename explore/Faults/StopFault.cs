using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>keepalived is stopped gracefully (SIGTERM) at the start and started again at the end.</summary>
public sealed record StopFault(long AtUs, long ForUs, string Node) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Stop;

    /// <inheritdoc/>
    public override string Resource => "node:" + Node;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new StopAction([Node]);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new StartAction([Node]);

    /// <inheritdoc/>
    public override Fault Moved(long atUs, long forUs) => this with { AtUs = atUs, ForUs = forUs };
}
