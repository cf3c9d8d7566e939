namespace VrrpLab.Explore.Running;

/// <summary>Shard results that cannot be merged (different explorations, a missing or repeated shard).</summary>
public sealed class MergeException(string message) : Exception(message);
