using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>The keepalived process is frozen (SIGSTOP, a VM pause) for the fault's length.</summary>
public sealed record PauseFault(long AtUs, long ForUs, string Node) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Pause;

    /// <inheritdoc/>
    public override string Resource => "node:" + Node;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new PauseAction(Node, Duration.FromMicroseconds(ForUs));

    /// <inheritdoc/>
    public override TimelineAction? Undo() => null;
}
