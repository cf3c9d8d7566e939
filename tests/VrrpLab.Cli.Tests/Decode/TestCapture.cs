using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Cli.Tests.Decode;

/// <summary>Builds classic pcap files and VRRP packets for the decode tests.</summary>
internal sealed class TestCapture(int linkType)
{
    private readonly ArrayBufferWriter<byte> _records = new();
    private int _count;

    public static readonly IPAddress Source = IPAddress.Parse("192.0.2.10");
    public static readonly IPAddress Multicast = IPAddress.Parse("224.0.0.18");

    /// <summary>The domain.md v2 golden advert (VRID 7, prio 100, 1 s, 192.0.2.1).</summary>
    public const string GoldenV2 = "210764010001b8f4c0000201" + "0000000000000000";

    /// <summary>The domain.md v3 golden advert with the pseudo-header checksum (source 192.0.2.10).</summary>
    public const string GoldenV3PseudoHeader = "3107ff0100646af7c0000201";

    /// <summary>An IPv4 packet around a VRRP message.</summary>
    public static byte[] Ipv4Packet(byte[] message, byte ttl = 255, IPAddress? source = null, IPAddress? destination = null)
    {
        byte[] packet = new byte[Ipv4Header.MinimumLength + message.Length];
        Ipv4Header.Write(packet, source ?? Source, destination ?? Multicast, message.Length, ttl);
        message.CopyTo(packet, Ipv4Header.MinimumLength);
        return packet;
    }

    /// <summary>The seed article's advert (VRID 151, prio 100, PASS 1111, 5 s) as an IPv4 packet.</summary>
    public static byte[] SeedPacket(byte ttl = 255)
    {
        var advert = new Advertisement(VrrpVersion.V2, 151, 100, Engine.Time.Duration.FromSeconds(5),
            [IPAddress.Parse("192.168.179.199")], AuthType.SimpleText, "1111");
        return Ipv4Packet(AdvertisementCodec.Encode(advert, Source, Multicast, V3ChecksumForm.PseudoHeader), ttl);
    }

    /// <summary>Wraps an IP packet in this capture's link-layer header and adds it.</summary>
    public TestCapture Add(byte[] ipPacket, ushort etherType = 0x0800)
    {
        byte[] frame = linkType switch
        {
            1 => [0x01, 0x00, 0x5e, 0x00, 0x00, 0x12, 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a, (byte)(etherType >> 8), (byte)etherType, .. ipPacket],
            113 => [0, 4, 0, 1, 0, 6, 2, 0, 0, 0, 0, 10, 0, 0, (byte)(etherType >> 8), (byte)etherType, .. ipPacket],
            276 => [(byte)(etherType >> 8), (byte)etherType, 0, 0, 0, 0, 0, 2, 0, 1, 4, 6, 2, 0, 0, 0, 0, 10, 0, 0, .. ipPacket],
            _ => ipPacket,
        };
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 1_700_000_000u + (uint)_count++);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 250_000);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)frame.Length);
        _records.Write<byte>(header);
        _records.Write<byte>(frame);
        return this;
    }

    /// <summary>The whole file.</summary>
    public byte[] ToBytes()
    {
        byte[] file = new byte[24 + _records.WrittenCount];
        BinaryPrimitives.WriteUInt32LittleEndian(file, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), (uint)linkType);
        _records.WrittenSpan.CopyTo(file.AsSpan(24));
        return file;
    }

    /// <summary>The checked-in captures next to this file (found by walking up to VrrpLab.sln).</summary>
    public static string CheckedIn(string fileName) => Repository.File("tests", "VrrpLab.Cli.Tests", "Decode", fileName);
}
