using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace VrrpLab.Engine.Tests.Codec;

/// <summary>
/// Writes a classic libpcap file (magic a1b2c3d4, version 2.4, little endian) with link type
/// LINKTYPE_RAW (101): each record is a bare IPv4 or IPv6 packet. Test helper for the tshark oracle.
/// </summary>
internal sealed class PcapFileWriter
{
    private const int LinkTypeRaw = 101;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private int _seconds;

    public PcapFileWriter()
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeRaw);
        _buffer.Write<byte>(header);
    }

    /// <summary>Adds a VRRP message wrapped in an IP header (TTL / hop limit as given) one second after the previous record.</summary>
    public void AddVrrp(byte[] message, IPAddress source, IPAddress destination, byte ttl = 255)
    {
        bool v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        byte[] packet = new byte[(v6 ? Ipv6Header.Length : Ipv4Header.MinimumLength) + message.Length];
        int headerLength = v6
            ? Ipv6Header.Write(packet, source, destination, message.Length, ttl)
            : Ipv4Header.Write(packet, source, destination, message.Length, ttl);
        message.CopyTo(packet.AsSpan(headerLength));
        AddPacket(packet);
    }

    /// <summary>Adds a raw IP packet as one record.</summary>
    public void AddPacket(byte[] packet)
    {
        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)++_seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
        _buffer.Write<byte>(record);
        _buffer.Write<byte>(packet);
    }

    /// <summary>Writes the file.</summary>
    public void Save(string path) => File.WriteAllBytes(path, _buffer.WrittenSpan);
}
