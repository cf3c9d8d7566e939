using System.Buffers.Binary;
using System.Net;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// The fields of an IPv4 header (RFC 791 section 3.1) that VRRP's receive path needs: TTL (must be
/// 255, RFC 3768 section 7.1), protocol (112), source and destination. Raw sockets and pcap files
/// deliver whole IPv4 packets; <see cref="TryParse"/> splits off the header without throwing.
/// </summary>
/// <param name="HeaderLength">IHL x 4, 20..60 bytes.</param>
/// <param name="TotalLength">The total length field (header + payload).</param>
/// <param name="Ttl">Time to live.</param>
/// <param name="Protocol">Payload protocol (112 = VRRP).</param>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
/// <param name="HeaderChecksumValid">True when the header checksum verifies.</param>
/// <param name="IsFragment">True when more-fragments is set or the fragment offset is not zero.</param>
public readonly record struct Ipv4Header(
    int HeaderLength,
    int TotalLength,
    byte Ttl,
    byte Protocol,
    IPAddress Source,
    IPAddress Destination,
    bool HeaderChecksumValid,
    bool IsFragment)
{
    /// <summary>The length of a header without options.</summary>
    public const int MinimumLength = 20;

    /// <summary>IP protocol number of VRRP.</summary>
    public const byte VrrpProtocol = VrrpWire.Protocol;

    /// <summary>True when the payload is VRRP (protocol 112).</summary>
    public bool IsVrrp => Protocol == VrrpProtocol;

    /// <summary>Length of the payload after the header.</summary>
    public int PayloadLength => TotalLength - HeaderLength;

    /// <summary>
    /// Parses the IPv4 header at the start of <paramref name="packet"/>. Never throws.
    /// Fails unless the version is 4, IHL is at least 5, and the header and the total length fit in
    /// <paramref name="packet"/> (bytes after the total length, e.g. Ethernet padding, are allowed).
    /// </summary>
    /// <param name="packet">An IPv4 packet.</param>
    /// <param name="header">The header when parsed.</param>
    /// <param name="headerLength">The header length in bytes (the payload starts there); 0 on failure.</param>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header, out int headerLength)
    {
        header = default;
        if (!TryLocate(packet, out headerLength, out int total))
        {
            headerLength = 0;
            return false;
        }

        int ihl = headerLength;

        ushort flagsOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        bool checksumOk = InternetChecksum.Fold(InternetChecksum.Add(0, packet[..ihl])) == 0xFFFF;
        header = new Ipv4Header(
            ihl,
            total,
            packet[8],
            packet[9],
            new IPAddress(packet.Slice(12, 4)),
            new IPAddress(packet.Slice(16, 4)),
            checksumOk,
            (flagsOffset & 0x3FFF) != 0);
        headerLength = ihl;
        return true;
    }

    /// <summary>
    /// The structural checks of <see cref="TryParse"/> without building anything (no allocation): version 4,
    /// IHL at least 5, header and total length within <paramref name="packet"/>. A receive path reads TTL
    /// (byte 8), protocol (9), source (12..16) and destination (16..20) straight from the packet then.
    /// </summary>
    /// <param name="packet">An IPv4 packet.</param>
    /// <param name="headerLength">IHL x 4; the payload starts there.</param>
    /// <param name="totalLength">The total length field; the payload ends there.</param>
    public static bool TryLocate(ReadOnlySpan<byte> packet, out int headerLength, out int totalLength)
    {
        headerLength = 0;
        totalLength = 0;
        if (packet.Length < MinimumLength || packet[0] >> 4 != 4)
        {
            return false;
        }

        int ihl = (packet[0] & 0x0F) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (ihl < MinimumLength || ihl > packet.Length || total < ihl || total > packet.Length)
        {
            return false;
        }

        headerLength = ihl;
        totalLength = total;
        return true;
    }

    /// <summary>The payload of a packet whose header this is.</summary>
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> packet) => packet[HeaderLength..TotalLength];

    /// <summary>
    /// Writes a 20-byte IPv4 header (no options, DF clear, ID 0) with its checksum, as keepalived's
    /// adverts carry (TTL 255, protocol 112). For raw sockets with IP_HDRINCL, pcap files and tests.
    /// </summary>
    /// <returns><see cref="MinimumLength"/>, the bytes written.</returns>
    /// <exception cref="ArgumentException">Addresses are not IPv4, the buffer is shorter than 20 bytes, or the packet exceeds 65535 bytes.</exception>
    public static int Write(Span<byte> buffer, IPAddress source, IPAddress destination, int payloadLength, byte ttl = 255, byte protocol = VrrpProtocol)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (buffer.Length < MinimumLength || payloadLength < 0 || payloadLength > ushort.MaxValue - MinimumLength)
        {
            throw new ArgumentException("buffer shorter than 20 bytes or payload length out of range", nameof(buffer));
        }

        Span<byte> h = buffer[..MinimumLength];
        h.Clear();
        h[0] = 0x45;
        h[1] = 0xC0; // DSCP CS6 (network control), as keepalived sets IPTOS_PREC_INTERNETCONTROL.
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)(MinimumLength + payloadLength));
        h[8] = ttl;
        h[9] = protocol;
        if (!source.TryWriteBytes(h.Slice(12, 4), out int s) || s != 4 || !destination.TryWriteBytes(h.Slice(16, 4), out int d) || d != 4)
        {
            throw new ArgumentException("IPv4 header needs IPv4 addresses", nameof(source));
        }

        BinaryPrimitives.WriteUInt16BigEndian(h[10..], Checksum(h));
        return MinimumLength;
    }

    /// <summary>The checksum an IPv4 header must carry (RFC 791), its own checksum field taken as zero.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> header) =>
        (ushort)~InternetChecksum.Fold(InternetChecksum.Add(InternetChecksum.Add(0, header[..10]), header[12..]));
}
