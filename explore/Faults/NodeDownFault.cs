using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>
/// A node goes down at the start (how: <see cref="Fault.Begin"/> of the kind) and is started again
/// at the end; two such faults of one node must not overlap.
/// </summary>
/// <param name="AtUs">When the fault begins.</param>
/// <param name="ForUs">How long it lasts.</param>
/// <param name="Node">The node.</param>
public abstract record NodeDownFault(long AtUs, long ForUs, string Node) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override string Resource => "node:" + Node;

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new StartAction([Node]);
}
