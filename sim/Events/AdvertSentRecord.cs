using System.Net;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>An advertisement left an interface (<c>advert_tx</c>); <see cref="Packet"/> links it to its receptions.</summary>
/// <param name="TimeUs">When it was sent (the lab: the kernel timestamp of the frame on the bridge port).</param>
/// <param name="Node">The sender.</param>
/// <param name="Instance">The sending instance (the lab infers it from the node and VRID; null when unknown).</param>
/// <param name="Interface">The interface it left.</param>
/// <param name="Source">IP source.</param>
/// <param name="Destination">IP destination (multicast group or unicast peer).</param>
/// <param name="Vrid">VRID.</param>
/// <param name="Priority">Advertised priority (0 = the master resigns).</param>
/// <param name="Packet">Packet id, unique in the run.</param>
public sealed record AdvertSentRecord(
    long TimeUs, string Node, string? Instance, string Interface, IPAddress Source, IPAddress Destination, byte Vrid, byte Priority, long Packet)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.AdvertTx;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with
    {
        Instance = Instance,
        Interface = Interface,
        Address = Source.ToString(),
        Peer = Destination.ToString(),
        Vrid = Vrid,
        Priority = Priority,
        Packet = Packet,
    };
}
