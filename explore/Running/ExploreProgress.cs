namespace VrrpLab.Explore.Running;

/// <summary>A snapshot for the progress line: runs done of this shard's total, failing runs so far.</summary>
/// <param name="Done">Runs completed.</param>
/// <param name="Total">Runs this shard owns.</param>
/// <param name="Failures">Runs that failed a property so far.</param>
/// <param name="Phase">What is happening: searching or shrinking.</param>
public readonly record struct ExploreProgress(long Done, long Total, long Failures, string Phase);
