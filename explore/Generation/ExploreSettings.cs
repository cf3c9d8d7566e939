using System.Collections.Immutable;
using VrrpLab.Explore.Faults;

namespace VrrpLab.Explore.Generation;

/// <summary>What schedules to generate: how long each run is and which kinds of fault it may contain.</summary>
/// <param name="DurationUs">Simulated length of each run (<c>--duration</c>, default 300s).</param>
/// <param name="Kinds">The fault kinds allowed (<c>--faults</c>, default <see cref="FaultKinds.Default"/>).</param>
public sealed record ExploreSettings(long DurationUs, ImmutableArray<FaultKind> Kinds)
{
    /// <summary>Five-minute runs with every kind of fault of the cluster itself (<see cref="FaultKinds.Default"/>).</summary>
    public static readonly ExploreSettings Default = new(300_000_000, FaultKinds.Default);
}
