namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The IPv4 header written around our adverts and read from received ones.</summary>
public sealed class Ipv4DatagramTests
{
    // An advert keepalived 2.2.7 sent in our namespace LAN (tcpdump -XX): id 1, checksum d03a.
    private static readonly byte[] KeepalivedHeader = Convert.FromHexString("45c000280001" + "0000ff70d03a0a4d000be0000012");

    [Test]
    public void Header_checksum_matches_the_one_keepalived_put_on_the_wire()
    {
        Assert.That(Ipv4Header.Checksum(KeepalivedHeader), Is.EqualTo(0xd03a));
    }

    [Test]
    public void Written_header_carries_ttl_255_protocol_112_and_keepalived_tos()
    {
        byte[] h = new byte[20];
        Ipv4Datagram.WriteHeader(h, IPAddress.Parse("10.77.0.11"), IPAddress.Parse("224.0.0.18"), 20);
        Assert.Multiple(() =>
        {
            Assert.That(h[0], Is.EqualTo(0x45), "version 4, IHL 5");
            Assert.That(h[1], Is.EqualTo(0xC0), "IPTOS_PREC_INTERNETCONTROL like keepalived");
            Assert.That(h[2..4], Is.EqualTo(new byte[] { 0, 40 }), "total length");
            Assert.That(h[8], Is.EqualTo(255), "TTL");
            Assert.That(h[9], Is.EqualTo(112), "protocol");
            Assert.That(h[12..16], Is.EqualTo(new byte[] { 10, 77, 0, 11 }));
            Assert.That(h[16..20], Is.EqualTo(new byte[] { 224, 0, 0, 18 }));
        });
    }

    [FsProperty]
    public bool Written_header_reads_back_with_the_same_addresses_and_a_valid_checksum(uint src, uint dst, byte payloadLength)
    {
        var source = new IPAddress(src);
        var destination = new IPAddress(dst);
        byte[] datagram = new byte[20 + payloadLength];
        Ipv4Datagram.WriteHeader(datagram, source, destination, payloadLength);
        ushort written = (ushort)((datagram[10] << 8) | datagram[11]);
        return Ipv4Datagram.TryRead(datagram, out ReceivedDatagram h)
            && new IPAddress(h.Source).Equals(source)
            && new IPAddress(h.Destination).Equals(destination)
            && h.Ttl == 255
            && h.Payload.Length == payloadLength
            && written == Ipv4Header.Checksum(datagram.AsSpan(0, 20));
    }

    [Test]
    public void Received_ttl_is_reported_as_is_so_the_engine_can_reject_254()
    {
        byte[] d = [.. KeepalivedHeader, .. new byte[20]];
        d[8] = 254;
        Assert.That(Ipv4Datagram.TryRead(d, out ReceivedDatagram h) ? h.Ttl : -1, Is.EqualTo(254));
    }

    [Test]
    public void Payload_stops_at_the_ip_total_length_not_at_ethernet_padding()
    {
        byte[] d = [.. KeepalivedHeader, .. new byte[20], .. new byte[6]];
        Assert.That(Ipv4Datagram.TryRead(d, out ReceivedDatagram h) ? h.Payload.Length : -1, Is.EqualTo(20));
    }

    [TestCase("", TestName = "empty")]
    [TestCase("45c00028000100", TestName = "shorter than a header")]
    [TestCase("65c000280001" + "0000ff70d03a0a4d000be0000012", TestName = "version 6")]
    [TestCase("45c000280001" + "0000ff11d03a0a4d000be0000012", TestName = "UDP not VRRP")]
    [TestCase("4fc000280001" + "0000ff70d03a0a4d000be0000012", TestName = "IHL past the end")]
    public void Datagrams_that_are_not_ipv4_vrrp_are_refused_without_throwing(string hex)
    {
        Assert.That(Ipv4Datagram.TryRead(Convert.FromHexString(hex), out _), Is.False);
    }

    [FsProperty]
    public bool Reading_arbitrary_bytes_never_throws(byte[] bytes)
    {
        _ = Ipv4Datagram.TryRead(bytes ?? [], out _);
        return true;
    }
}
