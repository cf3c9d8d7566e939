namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// One received VRRP datagram, as views of the receive buffer (nothing copied, nothing allocated):
/// what the engine's <see cref="Engine.StateMachine.PacketScreen"/> judges.
/// </summary>
/// <param name="Source">IP source, network order (4 or 16 bytes).</param>
/// <param name="Destination">IP destination (224.0.0.18, ff02::12 or ours for unicast).</param>
/// <param name="Ttl">TTL / hop limit as received (must be 255 for multicast adverts).</param>
/// <param name="Payload">The VRRP message.</param>
internal readonly ref struct ReceivedDatagram(ReadOnlySpan<byte> Source, ReadOnlySpan<byte> Destination, byte Ttl, ReadOnlySpan<byte> Payload)
{
    /// <summary>IP source, network order.</summary>
    public ReadOnlySpan<byte> Source { get; } = Source;

    /// <summary>IP destination, network order.</summary>
    public ReadOnlySpan<byte> Destination { get; } = Destination;

    /// <summary>TTL / hop limit.</summary>
    public byte Ttl { get; } = Ttl;

    /// <summary>The VRRP message.</summary>
    public ReadOnlySpan<byte> Payload { get; } = Payload;
}
