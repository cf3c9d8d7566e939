using System.Net;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// A segment client's neighbour (ARP) entry for a VIP changed (<c>client_arp</c>): it now sends the
/// VIP's traffic to <see cref="Owner"/>'s <see cref="Interface"/>. With <see cref="Owner"/> null the
/// client sent a request (<c>who-has</c>) instead. These changes are what <c>vip_moves</c> counts.
/// </summary>
/// <param name="TimeUs">When.</param>
/// <param name="Segment">The client's segment.</param>
/// <param name="Vip">The VIP.</param>
/// <param name="Owner">The node the entry now points at (null for a request).</param>
/// <param name="Interface">That node's interface.</param>
/// <param name="How">What changed it: <c>gratuitous arp</c>, <c>arp reply</c>, <c>who-has</c> (a request), ...</param>
public sealed record ClientArpRecord(long TimeUs, string Segment, IPAddress Vip, string? Owner, string? Interface, string How)
    : RunEvent(TimeUs, ClientNode(Segment))
{
    /// <summary>The trace's node for a segment's client: <c>client@SEGMENT</c>.</summary>
    public static string ClientNode(string segment) => "client@" + segment;

    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.ClientArp;

    /// <summary>True for a request (no new entry).</summary>
    public bool IsRequest => Owner is null;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Interface = Interface, Address = Vip.ToString(), Peer = Owner, Detail = How };
}
