using System.Net;
using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// A VRRP packet on the simulated wire: the engine's <see cref="SendAdvertisement"/> as sent (IP
/// source, destination, TTL 255 and the encoded VRRP message bytes, so the receiving engine validates
/// exactly what it would on Linux), its sender and its trace id. A view over a queued
/// <see cref="SimEvent"/> (sender in <see cref="SimEvent.Index"/>, id in <see cref="SimEvent.Generation"/>):
/// nothing is allocated per packet; the engine never writes to an emitted payload.
/// </summary>
internal readonly record struct SimPacket(long Id, int FromNode, SendAdvertisement Advert)
{
    public IPAddress Source => Advert.Source;

    public IPAddress Destination => Advert.Destination;

    /// <summary>The TTL every simulated advertisement arrives with (RFC 5798 section 5.1.1.3: 255).</summary>
    public const byte Ttl = 255;

    public byte[] Payload => Advert.Payload;

    /// <summary>The packet a <see cref="SimEventType.PacketArrival"/> event carries.</summary>
    public static SimPacket Of(SimEvent ev) => new(ev.Generation, ev.Index, (SendAdvertisement)ev.Payload!);

    /// <summary>The event that delivers this packet to interface <paramref name="iface"/> of node <paramref name="node"/>.</summary>
    public SimEvent ArrivalAt(int node, int iface) => new(SimEventType.PacketArrival, node, iface, FromNode, Id, Advert);
}
