using System.Collections.Immutable;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>The nodes split into groups that cannot hear each other at the start; healed at the end.</summary>
public sealed record PartitionFault(long AtUs, long ForUs, ImmutableArray<ImmutableArray<string>> Groups) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Partition;

    /// <inheritdoc/>
    public override string Resource => "partition";

    /// <inheritdoc/>
    public override TimelineAction Begin() => new PartitionAction(Groups);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new HealAction();

    /// <summary>Record equality by the groups' content.</summary>
    public bool Equals(PartitionFault? other) =>
        other is not null && AtUs == other.AtUs && ForUs == other.ForUs && Groups.Length == other.Groups.Length
        && Groups.Zip(other.Groups).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AtUs, ForUs, Groups.Length);
}
