using System.Buffers.Binary;
using VrrpLab.Cli.Decode;

namespace VrrpLab.Cli.Tests.Decode;

/// <summary>The capture reader: byte orders, timestamp resolutions, pcapng, link layers, and totality.</summary>
public sealed class CaptureFileTests
{
    private static readonly byte[] Packet = TestCapture.SeedPacket();

    private static byte[] BigEndianNanosecondPcap()
    {
        var file = new List<byte>();
        byte[] h = new byte[24];
        BinaryPrimitives.WriteUInt32BigEndian(h, 0xA1B23C4D);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(20), 101);
        file.AddRange(h);
        byte[] r = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(r, 10);
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(4), 123_456_789);
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(8), (uint)Packet.Length);
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(12), (uint)Packet.Length);
        file.AddRange(r);
        file.AddRange(Packet);
        return [.. file];
    }

    /// <summary>A little-endian pcapng: section header, an interface with if_tsresol 10^-9, one enhanced packet block.</summary>
    private static byte[] NanosecondPcapng()
    {
        var file = new List<byte>();
        void U32(uint v) => file.AddRange(BitConverter.GetBytes(v));
        void U16(ushort v) => file.AddRange(BitConverter.GetBytes(v));
        U32(0x0A0D0D0A); U32(28); U32(0x1A2B3C4D); U16(1); U16(0); U32(0xFFFFFFFF); U32(0xFFFFFFFF); U32(28);
        U32(1); U32(28); U16(1); U16(0); U32(65535); U16(9); U16(1); file.AddRange(new byte[] { 9, 0, 0, 0 }); U32(28);
        int padded = (Packet.Length + 3) & ~3;
        uint length = (uint)(32 + padded);
        ulong ticks = 10_123_456_789UL;
        U32(6); U32(length); U32(0); U32((uint)(ticks >> 32)); U32((uint)ticks); U32((uint)Packet.Length); U32((uint)Packet.Length);
        file.AddRange(Packet);
        file.AddRange(new byte[padded - Packet.Length]);
        U32(length);
        return [.. file];
    }

    [Test]
    public void Big_endian_pcap_with_nanosecond_timestamps_is_read_to_microseconds()
    {
        AssertThePacketAt10_123456s(CaptureFile.Read(BigEndianNanosecondPcap(), "be.pcap"), linkType: 101);
    }

    /// <summary>The file holds one frame: <see cref="Packet"/>, of <paramref name="linkType"/>, stamped 10.123456 s (10.123456789 s in nanoseconds, truncated).</summary>
    private static void AssertThePacketAt10_123456s(IEnumerable<CapturedFrame> frames, int linkType)
    {
        CapturedFrame frame = frames.Single();
        Assert.That(frame.LinkType, Is.EqualTo(linkType));
        Assert.That(frame.TimestampMicroseconds, Is.EqualTo(10_123_456));
        Assert.That(frame.Data, Is.EqualTo(Packet));
    }

    [Test]
    public void A_pcapng_packet_block_naming_an_interface_id_of_2_pow_31_or_more_is_a_format_error()
    {
        // Found by the random-capture property (seed 7176682974199592028,10198843112320497927): the id was
        // read as a signed int, so 0xFFFFFFFF became -1 and indexed the interface list.
        byte[] file = NanosecondPcapng();
        BitConverter.GetBytes(0xFFFFFFFFu).CopyTo(file, 28 + 28 + 8);

        var error = Assert.Throws<CaptureFormatException>(() => CaptureFile.Read(file, "bad.pcapng"));
        Assert.That(error!.Message, Does.Contain("names interface 4294967295, which is not described"));
    }

    [Test]
    public void Pcapng_enhanced_packet_blocks_use_the_interfaces_timestamp_resolution()
    {
        AssertThePacketAt10_123456s(CaptureFile.Read(NanosecondPcapng(), "ns.pcapng"), linkType: 1);
    }

    [Test]
    public void Ethernet_VLAN_tags_are_skipped_to_reach_the_IP_packet()
    {
        byte[] frame = [.. new byte[12], 0x81, 0x00, 0x00, 0x05, 0x08, 0x00, .. Packet];

        Assert.That(LinkLayer.TryFindIp(LinkLayer.Ethernet, frame, out int offset, out _), Is.True);
        Assert.That(offset, Is.EqualTo(18));
    }

    [Test]
    public void Non_IP_frames_and_unknown_link_types_say_why_they_are_skipped()
    {
        byte[] arp = [.. new byte[12], 0x08, 0x06, .. new byte[28]];
        Assert.That(LinkLayer.TryFindIp(LinkLayer.Ethernet, arp, out _, out string why), Is.False);
        Assert.That(why, Does.Contain("0x0806"));
        Assert.That(LinkLayer.TryFindIp(147, Packet, out _, out why), Is.False);
        Assert.That(why, Does.Contain("unsupported link type 147"));
    }

    [FsProperty(MaxTest = 500)]
    public Property Reading_random_or_mutated_captures_gives_frames_or_a_CaptureFormatException_never_another_exception() =>
        Prop.ForAll(
            (from source in Gen.Elements(
                    new TestCapture(1).Add(Packet).Add(Packet).ToBytes(),
                    BigEndianNanosecondPcap(),
                    NanosecondPcapng())
             from cut in Gen.Choose(0, 120)
             from pos in Gen.Choose(0, 200)
             from value in Gen.Choose(0, 255)
             select (source, cut, pos, value)).ToArbitrary(),
            t =>
            {
                byte[] bytes = t.source[..Math.Max(0, t.source.Length - t.cut)];
                if (bytes.Length > 0)
                {
                    bytes[t.pos % bytes.Length] = (byte)t.value;
                }

                try
                {
                    foreach (CapturedFrame f in CaptureFile.Read(bytes, "fuzz.pcap"))
                    {
                        if (LinkLayer.TryFindIp(f.LinkType, f.Data, out int offset, out _) && PacketDecoder.IsVrrpIpPacket(f.Data.AsSpan(offset)))
                        {
                            _ = PacketDecoder.FromIpPacket(f.Number, f.TimestampMicroseconds, f.Data.AsSpan(offset), f.OriginalLength - offset);
                        }
                    }

                    return true;
                }
                catch (CaptureFormatException e)
                {
                    return e.Message.StartsWith("fuzz.pcap: ", StringComparison.Ordinal);
                }
            });

    [FsProperty(MaxTest = 300)]
    public Property Decoding_any_hex_exits_0_or_1_and_never_throws() =>
        Prop.ForAll(
            (from bytes in FuzzBytes.StartingOften(91, 0x21, 0x31, 0x45, 0x60)
             from json in Gen.Elements(false, true)
             select (bytes, json)).ToArbitrary(),
            t =>
            {
                if (t.bytes.Length >= 10 && t.bytes[0] == 0x45)
                {
                    t.bytes[9] = 112; // make it an IPv4 VRRP packet often enough
                }

                var stdout = new StringWriter();
                var stderr = new StringWriter();
                string hex = t.bytes.Length == 0 ? "00" : Convert.ToHexStringLower(t.bytes);
                int exit = CommandLine.Execute(["decode", hex, "--format", t.json ? "json" : "text"], stdout, stderr);
                return (exit is 0 or 1 && stderr.ToString().Length == 0).Label($"{hex}: exit {exit}: {stderr}");
            });
}
