using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>A tracked <c>vrrp_script</c> of a node fails from the start and succeeds again from the end.</summary>
public sealed record ScriptFault(long AtUs, long ForUs, string Node, string Script) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Script;

    /// <inheritdoc/>
    public override string Resource => "script:" + Node + ":" + Script;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new ScriptAction(Node, Script, false);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new ScriptAction(Node, Script, true);
}
