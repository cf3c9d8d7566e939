using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// Something the driver must do (or record) because of an input. The engine only describes
/// effects; the simulator and the Linux adapter perform them.
/// </summary>
public abstract record Effect;

/// <summary>
/// Send <paramref name="Payload"/> (a VRRP message) with IP protocol 112, TTL 255. The engine emits
/// the same instance again for the same advert to the same destination (no allocation per advert):
/// drivers read <paramref name="Payload"/> and never write to it.
/// </summary>
public sealed record SendAdvertisement(
    string Instance,
    string Interface,
    IPAddress Source,
    IPAddress Destination,
    Advertisement Advert,
    byte[] Payload) : Effect;

/// <summary>Add a virtual address to <paramref name="Device"/>.</summary>
public sealed record AddVirtualAddress(string Instance, string Device, VirtualAddress Address) : Effect;

/// <summary>Remove a virtual address from <paramref name="Device"/>.</summary>
public sealed record RemoveVirtualAddress(string Instance, string Device, VirtualAddress Address) : Effect;

/// <summary>
/// Send <paramref name="Count"/> gratuitous ARPs (IPv4: ARP request, sender = target = address,
/// broadcast) or unsolicited neighbour advertisements (IPv6) for <paramref name="Address"/>.
/// </summary>
public sealed record SendGratuitousArp(string Instance, string Interface, IPAddress Address, int Count) : Effect;

/// <summary>The instance changed state.</summary>
public sealed record StateChanged(string Instance, VrrpState From, VrrpState To, string Cause) : Effect;

/// <summary>The instance's effective priority changed (tracking).</summary>
public sealed record PriorityChanged(string Instance, byte From, byte To) : Effect;

/// <summary>Run the tracked script now and report its result with <see cref="VrrpRouter.ScriptCompleted"/>.</summary>
public sealed record RunScript(string Script, string Command) : Effect;

/// <summary>A tracked script's interpreted state (after rise/fall) changed.</summary>
public sealed record ScriptStateChanged(string Script, bool Ok) : Effect;

/// <summary>Run a notify script: <paramref name="Command"/> followed by <paramref name="Arguments"/>.</summary>
public sealed record RunNotify(string Instance, string Command, ImmutableArray<string> Arguments) : Effect;

/// <summary>
/// A received packet was not acted on, and why: the engine's decision, typed, so that drivers count and
/// log by <see cref="Reason"/> (and its <see cref="AdvertDropReasons.Classify"/> class) instead of
/// guessing from the absence of other effects.
/// </summary>
/// <param name="Instance">The instance the packet named, when one runs its VRID on the interface.</param>
/// <param name="Interface">The receiving interface.</param>
/// <param name="Source">The packet's IP source.</param>
/// <param name="Reason">The first check it failed.</param>
public sealed record AdvertisementDropped(
    string? Instance,
    string Interface,
    IPAddress Source,
    AdvertDropReason Reason) : Effect
{
    /// <summary>
    /// True when the drop restarted the MASTER's advert timer anyway (<see cref="PacketPolicy.Keepalived"/>:
    /// keepalived 2.2.7 does this for every packet naming the VRID, which is how a flood of invalid packets
    /// silences a MASTER). Never true under <see cref="PacketPolicy.Hardened"/>.
    /// </summary>
    public bool AdvertTimerRestarted { get; init; }
}

/// <summary>A received advert was accepted (it reset or shortened the down timer, or was answered).</summary>
public sealed record AdvertisementAccepted(string Instance, IPAddress Source, Advertisement Advert) : Effect;

/// <summary>A keepalived-style log line, e.g. <c>(VI_1) Entering MASTER STATE</c>.</summary>
public sealed record LogLine(string Text) : Effect;

/// <summary>A valid advert was discarded by rule (a preempting BACKUP ignores a lower priority).</summary>
public sealed record AdvertisementDiscarded(string Instance, IPAddress Source, Advertisement Advert, string Reason) : Effect;
