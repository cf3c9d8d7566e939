using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>An interface of a node loses carrier at the start and gets it back at the end.</summary>
public sealed record LinkFault(long AtUs, long ForUs, string Node, string Interface) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Link;

    /// <inheritdoc/>
    public override string Resource => "link:" + Node + ":" + Interface;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new LinkAction(Node, Interface, false);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new LinkAction(Node, Interface, true);
}
