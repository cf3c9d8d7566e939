using System.Collections.Immutable;

namespace VrrpLab.Engine.Configuration;

/// <summary>
/// A <c>vrrp_sync_group NAME { group { VI_1 VI_2 } }</c>: the instances go MASTER only together,
/// and BACKUP or FAULT of one propagates to all.
/// </summary>
public sealed record SyncGroupConfig(string Name, ImmutableArray<string> Instances)
{
    /// <summary>Group-level notify scripts.</summary>
    public NotifyScripts Notify { get; init; } = NotifyScripts.None;
}
