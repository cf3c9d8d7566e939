using System.Net;
using VrrpLab.Engine.Wire;

namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// The IPv4 header around a VRRP message: written for sending (the socket uses IP_HDRINCL, as
/// keepalived does) and read on receive (a raw IPv4 socket always delivers the header), so that
/// TTL, source and destination reach the engine for validation (RFC 3768 section 7.1).
/// </summary>
internal static class Ipv4Datagram
{
    /// <summary>Length of the header we write (no options).</summary>
    public const int HeaderLength = 20;

    /// <summary>IP protocol number of VRRP.</summary>
    public const byte VrrpProtocol = VrrpWire.Protocol;

    /// <summary>TTL of every advert we send (RFC 3768 section 5.2.3, RFC 9568 section 5.1.1.3).</summary>
    public const byte VrrpTtl = VrrpWire.Ttl;

    /// <summary>
    /// Writes a 20-byte IPv4 header for a VRRP message of <paramref name="payloadLength"/> bytes
    /// (<see cref="Ipv4Header.Write"/>: TOS 0xC0 as keepalived sets, TTL 255, checksum computed; the
    /// kernel recomputes it for IP_HDRINCL sockets anyway; identification 0 lets the kernel choose one).
    /// </summary>
    public static void WriteHeader(Span<byte> header, IPAddress source, IPAddress destination, int payloadLength) =>
        Ipv4Header.Write(header, source, destination, payloadLength);

    /// <summary>
    /// Reads a received datagram with the engine's IPv4 header checks (<see cref="Ipv4Header.TryLocate"/>),
    /// as views of <paramref name="datagram"/>: no allocation. Fails (never throws) when it is not a
    /// well-formed IPv4 header or not protocol 112; the payload is bounded by the total length (trailing
    /// Ethernet padding is not part of it).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out ReceivedDatagram received)
    {
        received = default;
        if (!Ipv4Header.TryLocate(datagram, out int headerLength, out int totalLength) || datagram[9] != VrrpProtocol)
        {
            return false;
        }

        received = new ReceivedDatagram(datagram.Slice(12, 4), datagram.Slice(16, 4), datagram[8], datagram[headerLength..totalLength]);
        return true;
    }
}
