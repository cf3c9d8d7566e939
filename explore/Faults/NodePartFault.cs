using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>
/// A named part of a node (an interface, a tracked script) is switched off at the start and on again
/// at the end; two such faults of one part must not overlap (resource <c>KIND:NODE:PART</c>).
/// </summary>
/// <param name="AtUs">When the fault begins.</param>
/// <param name="ForUs">How long it lasts.</param>
/// <param name="Node">The node.</param>
public abstract record NodePartFault(long AtUs, long ForUs, string Node) : Fault(AtUs, ForUs)
{
    /// <summary>The part's name on the node.</summary>
    protected abstract string Part { get; }

    /// <inheritdoc/>
    public override string Resource => FaultKinds.Name(Kind) + ":" + Node + ":" + Part;

    /// <inheritdoc/>
    public override TimelineAction Begin() => Switch(working: false);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => Switch(working: true);

    /// <summary>The timeline action that takes the part out of work or puts it back.</summary>
    protected abstract TimelineAction Switch(bool working);
}
