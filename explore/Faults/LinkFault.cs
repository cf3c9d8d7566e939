using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>An interface of a node loses carrier at the start and gets it back at the end.</summary>
public sealed record LinkFault(long AtUs, long ForUs, string Node, string Interface) : NodePartFault(AtUs, ForUs, Node)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Link;

    /// <inheritdoc/>
    protected override string Part => Interface;

    /// <inheritdoc/>
    protected override TimelineAction Switch(bool working) => new LinkAction(Node, Interface, working);
}
