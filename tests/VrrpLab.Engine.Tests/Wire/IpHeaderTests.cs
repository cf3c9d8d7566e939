namespace VrrpLab.Engine.Tests.Codec;

/// <summary>The IPv4/IPv6 header helpers used by the raw-socket receive path and the pcap reader.</summary>
public sealed class IpHeaderTests
{
    private static byte[] Packet(byte ttl = 255, int padding = 0)
    {
        byte[] vrrp = TestPackets.EncodeSeed();
        byte[] packet = new byte[20 + vrrp.Length + padding];
        Ipv4Header.Write(packet, TestAddresses.Source, TestAddresses.Group, vrrp.Length, ttl);
        vrrp.CopyTo(packet, 20);
        return packet;
    }

    [TestCase("192.168.179.11", "224.0.0.18")]
    [TestCase("fe80::11", "ff02::12")]
    [TestCase("2001:db8::11", "ff02::12")]
    public void An_advert_goes_to_its_source_family_multicast_group(string source, string group)
    {
        Assert.That(VrrpWire.MulticastGroupFor(System.Net.IPAddress.Parse(source).AddressFamily), Is.EqualTo(System.Net.IPAddress.Parse(group)));
    }

    [Test]
    public void A_written_IPv4_header_parses_back_with_TTL_protocol_addresses_and_a_valid_checksum()
    {
        byte[] packet = Packet(ttl: 254);

        bool ok = Ipv4Header.TryParse(packet, out Ipv4Header h, out int headerLength);

        Assert.That(ok, Is.True);
        Assert.That(headerLength, Is.EqualTo(20));
        Assert.That(h.Ttl, Is.EqualTo(254));
        Assert.That(h.IsVrrp, Is.True);
        Assert.That(h.Source, Is.EqualTo(TestAddresses.Source));
        Assert.That(h.Destination, Is.EqualTo(TestAddresses.Group));
        Assert.That(h.HeaderChecksumValid, Is.True);
        Assert.That(h.IsFragment, Is.False);
        Assert.That(h.Payload(packet).ToArray(), Is.EqualTo(TestPackets.EncodeSeed()));
    }

    [Test]
    public void Bytes_after_the_total_length_such_as_Ethernet_padding_are_not_payload()
    {
        byte[] packet = Packet(padding: 6);
        Assert.That(Ipv4Header.TryParse(packet, out Ipv4Header h, out _), Is.True);
        Assert.That(h.Payload(packet).Length, Is.EqualTo(TestPackets.EncodeSeed().Length));
    }

    [Test]
    public void A_header_with_options_moves_the_payload_by_IHL()
    {
        byte[] plain = Packet();
        byte[] packet = [.. plain[..20], 1, 1, 1, 0, .. plain[20..]];
        packet[0] = 0x46;
        packet[3] += 4;

        Assert.That(Ipv4Header.TryParse(packet, out Ipv4Header h, out int headerLength), Is.True);
        Assert.That(headerLength, Is.EqualTo(24));
        Assert.That(h.Payload(packet).ToArray(), Is.EqualTo(plain[20..]));
        Assert.That(h.HeaderChecksumValid, Is.False, "the checksum was not recomputed after the change");
    }

    [TestCase(0x65, TestName = "Version_6_is_not_an_IPv4_header")]
    [TestCase(0x44, TestName = "IHL_below_5_is_rejected")]
    [TestCase(0x4F, TestName = "IHL_beyond_the_packet_is_rejected")]
    public void Malformed_first_byte_is_rejected(int first)
    {
        byte[] packet = Packet()[..28];
        packet[0] = (byte)first;
        packet[3] = 28;
        Assert.That(Ipv4Header.TryParse(packet, out _, out int len), Is.False);
        Assert.That(len, Is.Zero);
    }

    [Test]
    public void A_total_length_longer_than_the_captured_bytes_is_rejected()
    {
        byte[] packet = Packet();
        Assert.That(Ipv4Header.TryParse(packet.AsSpan(..^1), out _, out _), Is.False);
        Assert.That(Ipv4Header.TryParse(packet.AsSpan(..19), out _, out _), Is.False);
    }

    [Test]
    public void More_fragments_or_an_offset_marks_a_fragment()
    {
        byte[] packet = Packet();
        packet[6] = 0x20;
        Assert.That(Ipv4Header.TryParse(packet, out Ipv4Header h, out _), Is.True);
        Assert.That(h.IsFragment, Is.True);
    }

    [Test]
    public void A_written_IPv6_header_parses_back_with_hop_limit_and_next_header()
    {
        IPAddress src = IPAddress.Parse("fe80::a");
        IPAddress dst = IPAddress.Parse("ff02::12");
        byte[] packet = new byte[40 + 24 + 2];
        Ipv6Header.Write(packet, src, dst, 24, hopLimit: 1);

        Assert.That(Ipv6Header.TryParse(packet, out Ipv6Header h), Is.True);
        Assert.That(h.HopLimit, Is.EqualTo(1));
        Assert.That(h.IsVrrp, Is.True);
        Assert.That(h.Source, Is.EqualTo(src));
        Assert.That(h.Destination, Is.EqualTo(dst));
        Assert.That(h.Payload(packet).Length, Is.EqualTo(24));
        Assert.That(Ipv6Header.TryParse(packet.AsSpan(..50), out _), Is.False, "payload beyond the captured bytes");
    }
}
