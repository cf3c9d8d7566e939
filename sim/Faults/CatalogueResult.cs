using System.Collections.Immutable;
using VrrpLab.Sim.Clusters;

namespace VrrpLab.Sim.Faults;

/// <summary>Everything <c>vrrplab check</c>'s fault simulation found.</summary>
/// <param name="Cluster">The cluster as derived from the files.</param>
/// <param name="Timing">When faults start and heal.</param>
/// <param name="Startup">The startup check (null when there is nothing to simulate).</param>
/// <param name="Faults">Every case run, single faults first, then pairs; empty when not run.</param>
/// <param name="NotRun">Why the faults were not run, or null.</param>
/// <param name="Depth">The depth asked for.</param>
public sealed record CatalogueResult(
    DerivedCluster Cluster, FaultTiming Timing, StartupOutcome? Startup, ImmutableArray<FaultOutcome> Faults, string? NotRun, int Depth)
{
    /// <summary>True when the startup check passed and no case failed (lost and split cases are what the faults themselves do).</summary>
    public bool Passed => (Startup?.Passed ?? true) && Faults.All(f => f.Status != FaultStatus.Fail);
}
