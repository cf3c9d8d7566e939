using System.Collections.Immutable;

namespace VrrpLab.Explore.Running;

/// <summary>
/// The result of an exploration or of one shard of it. <see cref="Merge"/> of all shards gives
/// the unsharded result, except for <see cref="WallSeconds"/> and <see cref="Threads"/>.
/// </summary>
public sealed record ExploreResult
{
    /// <summary>The files explored, as given.</summary>
    public required ImmutableArray<string> Inputs { get; init; }

    /// <summary>The cluster's fingerprint (<see cref="ExploreCluster.Fingerprint"/>).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Node names.</summary>
    public required ImmutableArray<string> Nodes { get; init; }

    /// <summary><c>--seed</c>.</summary>
    public required ulong Seed { get; init; }

    /// <summary><c>--runs</c> (the whole exploration).</summary>
    public required long Runs { get; init; }

    /// <summary><c>--duration</c> in microseconds.</summary>
    public required long DurationUs { get; init; }

    /// <summary>Fault kinds generated (names).</summary>
    public required ImmutableArray<string> Faults { get; init; }

    /// <summary>This result's shard (0/1 for a whole exploration or a merge).</summary>
    public required ShardSpec Shard { get; init; }

    /// <summary>Runs completed.</summary>
    public required long Completed { get; init; }

    /// <summary>Whether the exploration was stopped before all its runs (Ctrl-C).</summary>
    public required bool Interrupted { get; init; }

    /// <summary>One per property checked, in catalogue order.</summary>
    public required ImmutableArray<PropertyOutcome> Outcomes { get; init; }

    /// <summary>Runs whose simulation threw (an engine or simulator bug): count.</summary>
    public long Errors { get; init; }

    /// <summary>The first such run and its message.</summary>
    public (long Run, string Message)? FirstError { get; init; }

    /// <summary>What was exercised.</summary>
    public required Coverage Coverage { get; init; }

    /// <summary>Wall time (not part of the result's identity).</summary>
    public double WallSeconds { get; init; }

    /// <summary>Worker threads used (not part of the result's identity).</summary>
    public int Threads { get; init; }

    /// <summary>For a merge: how many shards it combined (0 for a run); <see cref="WallSeconds"/> is then their sum.</summary>
    public int MergedShards { get; init; }

    /// <summary>For a merge: the slowest shard's wall time (the exploration's wall time with one machine per shard).</summary>
    public double SlowestShardSeconds { get; init; }

    /// <summary>Whether every property held in every completed run and nothing crashed.</summary>
    public bool Passed => Errors == 0 && Outcomes.All(o => o.Held);

    /// <summary>Combines shards into the result of the whole exploration (see <see cref="ResultMerge"/>).</summary>
    public static ExploreResult Merge(IReadOnlyList<ExploreResult> shards) => ResultMerge.Merge(shards);
}
