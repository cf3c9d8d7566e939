using System.Collections.Immutable;
using VrrpLab.Explore.Generation;
using VrrpLab.Sim.Checks.Properties;

namespace VrrpLab.Explore.Running;

/// <summary>An exploration: how many runs, from which seed, of what, checking which properties, which shard.</summary>
public sealed record ExploreOptions
{
    /// <summary><c>--runs</c>: runs in the whole exploration (all shards together).</summary>
    public long Runs { get; init; } = 1000;

    /// <summary><c>--seed</c>: run i uses <see cref="RunSeeds.For"/>(Seed, i).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Run length and fault kinds.</summary>
    public ExploreSettings Settings { get; init; } = ExploreSettings.Default;

    /// <summary><c>--property</c>: the properties checked (default all).</summary>
    public ImmutableArray<ClusterProperty> Properties { get; init; } = ClusterProperty.All;

    /// <summary><c>--shard I/N</c>.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.Whole;

    /// <summary>Worker threads (results never depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Most runs spent shrinking one counterexample.</summary>
    public int ShrinkBudget { get; init; } = 4000;
}
