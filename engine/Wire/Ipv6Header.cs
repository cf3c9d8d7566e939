using System.Buffers.Binary;
using System.Net;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// The fixed IPv6 header (RFC 8200 section 3) as pcap files deliver it: hop limit (must be 255 for
/// VRRP, RFC 5798 section 5.1.2.3), next header, source and destination. Extension headers are not
/// followed: VRRP packets carry none.
/// </summary>
/// <param name="PayloadLength">The payload length field.</param>
/// <param name="NextHeader">Next header (112 = VRRP).</param>
/// <param name="HopLimit">Hop limit.</param>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
public readonly record struct Ipv6Header(int PayloadLength, byte NextHeader, byte HopLimit, IPAddress Source, IPAddress Destination)
{
    /// <summary>Length of the fixed header.</summary>
    public const int Length = 40;

    /// <summary>True when the payload is VRRP (next header 112).</summary>
    public bool IsVrrp => NextHeader == VrrpWire.Protocol;

    /// <summary>Parses the fixed header; fails (never throws) unless the version is 6 and the payload fits in <paramref name="packet"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv6Header header)
    {
        header = default;
        if (packet.Length < Length || packet[0] >> 4 != 6)
        {
            return false;
        }

        int payload = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (Length + payload > packet.Length)
        {
            return false;
        }

        header = new Ipv6Header(payload, packet[6], packet[7], new IPAddress(packet.Slice(8, 16)), new IPAddress(packet.Slice(24, 16)));
        return true;
    }

    /// <summary>The payload of a packet whose header this is.</summary>
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> packet) => packet.Slice(Length, PayloadLength);

    /// <summary>Writes a fixed IPv6 header (traffic class CS6, flow label 0).</summary>
    /// <returns><see cref="Length"/>, the bytes written.</returns>
    /// <exception cref="ArgumentException">Addresses are not IPv6, the buffer is too short, or the payload exceeds 65535 bytes.</exception>
    public static int Write(Span<byte> buffer, IPAddress source, IPAddress destination, int payloadLength, byte hopLimit = 255, byte nextHeader = VrrpWire.Protocol)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (buffer.Length < Length || payloadLength < 0 || payloadLength > ushort.MaxValue)
        {
            throw new ArgumentException("buffer shorter than 40 bytes or payload length out of range", nameof(buffer));
        }

        Span<byte> h = buffer[..Length];
        h.Clear();
        h[0] = 0x6C; // version 6, traffic class 0xC0 (CS6)
        BinaryPrimitives.WriteUInt16BigEndian(h[4..], (ushort)payloadLength);
        h[6] = nextHeader;
        h[7] = hopLimit;
        if (!source.TryWriteBytes(h.Slice(8, 16), out int s) || s != 16 || !destination.TryWriteBytes(h.Slice(24, 16), out int d) || d != 16)
        {
            throw new ArgumentException("IPv6 header needs IPv6 addresses", nameof(source));
        }

        return Length;
    }
}
