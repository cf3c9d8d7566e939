using System.Collections.Immutable;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Configuration;

/// <summary>
/// Everything one keepalived process runs: its instances, scripts and sync groups, plus the
/// <c>global_defs</c> that matter to VRRP.
/// </summary>
public sealed record RouterConfig
{
    /// <summary><c>router_id</c> (keepalived defaults to the host name).</summary>
    public string? RouterId { get; init; }

    /// <summary>The <c>vrrp_instance</c> blocks, in file order.</summary>
    public ImmutableArray<VrrpInstanceConfig> Instances { get; init; } = [];

    /// <summary>The <c>vrrp_script</c> blocks, in file order.</summary>
    public ImmutableArray<TrackedScript> Scripts { get; init; } = [];

    /// <summary>The <c>track_file</c> blocks, in file order.</summary>
    public ImmutableArray<TrackedFile> Files { get; init; } = [];

    /// <summary>The <c>vrrp_track_process</c> blocks some instance tracks, in file order.</summary>
    public ImmutableArray<TrackedProcess> Processes { get; init; } = [];

    /// <summary>The <c>vrrp_sync_group</c> blocks, in file order.</summary>
    public ImmutableArray<SyncGroupConfig> SyncGroups { get; init; } = [];

    /// <summary><c>vrrp_startup_delay</c>: received packets are ignored for this long after start.</summary>
    public Duration StartupDelay { get; init; } = Duration.Zero;

    /// <summary><c>script_user</c>.</summary>
    public string? ScriptUser { get; init; }

    /// <summary><c>enable_script_security</c>.</summary>
    public bool EnableScriptSecurity { get; init; }

    /// <summary>
    /// What received packets may do to timers: keepalived 2.2.7's behaviour (the default, what the
    /// simulator runs for keepalived) or the hardened one (<c>vrrplab daemon</c>'s default). Not a
    /// keepalived.conf keyword: drivers set it.
    /// </summary>
    public PacketPolicy PacketPolicy { get; init; } = PacketPolicy.Keepalived;
}
