using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>The host powers off at the start (silent, its VIPs vanish) and boots with keepalived at the end.</summary>
public sealed record CrashFault(long AtUs, long ForUs, string Node) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Crash;

    /// <inheritdoc/>
    public override string Resource => "node:" + Node;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new CrashAction([Node]);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new StartAction([Node]);

    /// <inheritdoc/>
    public override Fault Moved(long atUs, long forUs) => this with { AtUs = atUs, ForUs = forUs };
}
