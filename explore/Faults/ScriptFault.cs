using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>A tracked <c>vrrp_script</c> of a node fails from the start and succeeds again from the end.</summary>
public sealed record ScriptFault(long AtUs, long ForUs, string Node, string Script) : NodePartFault(AtUs, ForUs, Node)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Script;

    /// <inheritdoc/>
    protected override string Part => Script;

    /// <inheritdoc/>
    protected override TimelineAction Switch(bool working) => new ScriptAction(Node, Script, working);
}
