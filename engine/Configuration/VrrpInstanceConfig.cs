using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Configuration;

/// <summary>
/// One <c>vrrp_instance</c> after keepalived's derivations (priority from state, rounding of
/// <c>advert_int</c>, truncation of <c>auth_pass</c>, clearing of <c>nopreempt</c> with
/// <c>state MASTER</c>). The keepalived.conf reader produces these; tests build them directly.
/// </summary>
public sealed record VrrpInstanceConfig
{
    /// <summary>Instance name, e.g. <c>VI_1</c>; appears in every log line.</summary>
    public required string Name { get; init; }

    /// <summary>The interface adverts are sent and received on (<c>interface</c>).</summary>
    public required string Interface { get; init; }

    /// <summary><c>virtual_router_id</c>, 1..255.</summary>
    public required byte VirtualRouterId { get; init; }

    /// <summary>Configured priority 1..255 (255 = address owner). keepalived's default is 100.</summary>
    public byte Priority { get; init; } = 100;

    /// <summary><c>state</c>.</summary>
    public InitialState State { get; init; } = InitialState.Backup;

    /// <summary><c>version</c> (or global <c>vrrp_version</c>); keepalived defaults to 2.</summary>
    public VrrpVersion Version { get; init; } = VrrpVersion.V2;

    /// <summary><c>advert_int</c>: whole seconds for v2, multiples of 10 ms for v3. Default 1 s.</summary>
    public Duration AdvertInterval { get; init; } = Duration.FromSeconds(1);

    /// <summary><c>nopreempt</c>. Only honoured with <c>state BACKUP</c> below priority 255.</summary>
    public bool Nopreempt { get; init; }

    /// <summary>
    /// Whether the configuration asks for <c>nopreempt</c> (the last of <c>nopreempt</c>/<c>preempt</c>
    /// written), even where keepalived then clears it (<c>state MASTER</c>, priority 255): what the
    /// operator meant, which <c>vrrplab explore</c>'s nopreempt property holds the cluster to.
    /// </summary>
    public bool NopreemptWritten { get; init; }

    /// <summary><c>preempt_delay</c>, 0..1000 s.</summary>
    public Duration PreemptDelay { get; init; } = Duration.Zero;

    /// <summary><c>authentication { auth_type }</c> (VRRPv2 only).</summary>
    public AuthType AuthType { get; init; } = AuthType.None;

    /// <summary><c>auth_pass</c>, at most 8 bytes (keepalived truncates).</summary>
    public string? AuthPassword { get; init; }

    /// <summary><c>virtual_ipaddress</c>: the addresses carried in adverts and added on MASTER.</summary>
    public ImmutableArray<VirtualAddress> VirtualAddresses { get; init; } = [];

    /// <summary><c>virtual_ipaddress_excluded</c>: added on MASTER but not carried in adverts.</summary>
    public ImmutableArray<VirtualAddress> ExcludedAddresses { get; init; } = [];

    /// <summary><c>track_script</c>.</summary>
    public ImmutableArray<ScriptTrack> TrackScripts { get; init; } = [];

    /// <summary><c>track_file</c>.</summary>
    public ImmutableArray<FileTrack> TrackFiles { get; init; } = [];

    /// <summary><c>track_process</c> (a sync group's lines included).</summary>
    public ImmutableArray<ProcessTrack> TrackProcesses { get; init; } = [];

    /// <summary><c>track_interface</c>.</summary>
    public ImmutableArray<InterfaceTrack> TrackInterfaces { get; init; } = [];

    /// <summary><c>unicast_src_ip</c>.</summary>
    public IPAddress? UnicastSourceAddress { get; init; }

    /// <summary><c>unicast_peer</c>: when non-empty, adverts go to each peer instead of multicast.</summary>
    public ImmutableArray<IPAddress> UnicastPeers { get; init; } = [];

    /// <summary><c>mcast_src_ip</c>.</summary>
    public IPAddress? MulticastSourceAddress { get; init; }

    /// <summary>Gratuitous ARP timing.</summary>
    public GratuitousArpSettings GratuitousArp { get; init; } = GratuitousArpSettings.Default;

    /// <summary><c>lower_prio_no_advert</c>: a MASTER does not answer a lower-priority advert with one of its own.</summary>
    public bool LowerPrioNoAdvert { get; init; }

    /// <summary>keepalived's <c>down_timer_adverts</c>: adverts missed before a BACKUP takes over (3).</summary>
    public int DownTimerAdverts { get; init; } = 3;

    /// <summary>Checksum form sent for VRRPv3 over IPv4.</summary>
    public V3ChecksumForm V3Checksum { get; init; } = V3ChecksumForm.PseudoHeader;

    /// <summary>Notify scripts.</summary>
    public NotifyScripts Notify { get; init; } = NotifyScripts.None;

    /// <summary>Address family of the instance, from its first virtual address (IPv4 when none).</summary>
    public AddressFamily Family =>
        VirtualAddresses.IsDefaultOrEmpty ? AddressFamily.InterNetwork : VirtualAddresses[0].Address.AddressFamily;

    /// <summary>True for the address owner (priority 255).</summary>
    public bool IsAddressOwner => Priority == 255;

    /// <summary>
    /// Whether <c>nopreempt</c> is in force: keepalived clears it with <c>state MASTER</c> and for an
    /// address owner ("nopreempt will not work with initial state MASTER - clearing").
    /// </summary>
    public bool EffectiveNopreempt => Nopreempt && State == InitialState.Backup && Priority != 255;

    /// <summary>Whether <c>preempt_delay</c> is in force (cleared like <c>nopreempt</c>).</summary>
    public Duration EffectivePreemptDelay =>
        State == InitialState.Backup && Priority != 255 ? PreemptDelay : Duration.Zero;
}
