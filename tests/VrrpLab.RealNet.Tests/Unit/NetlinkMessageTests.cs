using VrrpLab.RealNet.Netlink;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The rtnetlink messages behind VIP add/remove and link monitoring.</summary>
public sealed class NetlinkMessageTests
{
    [Test]
    public void Adding_a_vip_with_a_label_is_the_request_ip_addr_add_sends()
    {
        // ip addr add 10.0.0.100/32 dev <ifindex 2> label eth0:1
        const string expected =
            "34000000" + "1400" + "0506" + "07000000" + "00000000" // len 52, RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE, seq 7
            + "02" + "20" + "00" + "00" + "02000000"               // AF_INET, /32, flags, scope universe, ifindex 2
            + "0800" + "0200" + "0a000064"                         // IFA_LOCAL
            + "0800" + "0100" + "0a000064"                         // IFA_ADDRESS
            + "0b00" + "0300" + "657468303a3100" + "00";           // IFA_LABEL "eth0:1\0" + pad
        byte[] request = AddressRequest.Build(add: true, 7, 2, IPAddress.Parse("10.0.0.100"), 32, "eth0:1");
        Assert.That(Convert.ToHexString(request).ToLowerInvariant(), Is.EqualTo(expected));
    }

    [Test]
    public void Removing_a_vip_is_rtm_deladdr_without_create_flags()
    {
        byte[] request = AddressRequest.Build(add: false, 1, 3, IPAddress.Parse("192.168.179.199"), 24, null);
        Assert.Multiple(() =>
        {
            Assert.That(request.Length, Is.EqualTo(40));
            Assert.That(BitConverter.ToUInt16(request, 4), Is.EqualTo(21), "RTM_DELADDR");
            Assert.That(BitConverter.ToUInt16(request, 6), Is.EqualTo(0x5), "REQUEST|ACK");
            Assert.That(request[17], Is.EqualTo(24), "prefix length must match for the kernel to delete");
            Assert.That(request[20], Is.EqualTo(3), "ifindex");
        });
    }

    [Test]
    public void Ipv6_vip_is_added_without_duplicate_address_detection_like_keepalived()
    {
        byte[] request = AddressRequest.Build(add: true, 1, 3, IPAddress.Parse("2001:db8::1"), 64, "ignored");
        Assert.Multiple(() =>
        {
            Assert.That(request[16], Is.EqualTo(10), "AF_INET6");
            Assert.That(request.Length, Is.EqualTo(16 + 8 + 20 + 20 + 8), "no label for IPv6; IFA_FLAGS");
            Assert.That(BitConverter.ToUInt32(request, request.Length - 4), Is.EqualTo(0x02u), "IFA_F_NODAD");
        });
    }

    [TestCase(0, 0)]
    [TestCase(-17, 17)]
    [TestCase(-99, 99)]
    public void Acknowledgement_carries_the_kernels_errno(int kernelError, int expectedErrno)
    {
        byte[] ack = new byte[36];
        BitConverter.GetBytes(36u).CopyTo(ack, 0);
        BitConverter.GetBytes((ushort)2).CopyTo(ack, 4); // NLMSG_ERROR
        BitConverter.GetBytes(5u).CopyTo(ack, 8);
        BitConverter.GetBytes(kernelError).CopyTo(ack, 16);
        Assert.Multiple(() =>
        {
            Assert.That(NetlinkReply.TryFindAck(ack, 5, out int errno), Is.True);
            Assert.That(errno, Is.EqualTo(expectedErrno));
        });
    }

    [Test]
    public void Acknowledgement_of_another_request_is_not_taken_for_ours()
    {
        byte[] ack = new byte[36];
        BitConverter.GetBytes(36u).CopyTo(ack, 0);
        BitConverter.GetBytes((ushort)2).CopyTo(ack, 4);
        BitConverter.GetBytes(4u).CopyTo(ack, 8);
        Assert.That(NetlinkReply.TryFindAck(ack, 5, out _), Is.False);
    }

    [TestCase(0x1u | 0x40u, true)]
    [TestCase(0x1u, false)]
    [TestCase(0x40u, false)]
    public void Link_is_running_only_when_up_with_carrier(uint flags, bool running)
    {
        byte[] msg = LinkMessage(16, 6, flags, "eth0");
        List<LinkStatus> links = NetlinkReply.ReadLinks(msg);
        Assert.That(links, Is.EqualTo(new[] { new LinkStatus(6, "eth0", running) }));
    }

    [Test]
    public void Deleted_link_is_reported_down()
    {
        List<LinkStatus> links = NetlinkReply.ReadLinks(LinkMessage(17, 6, 0x41, "eth0"));
        Assert.That(links.Single().Running, Is.False);
    }

    [Test]
    public void A_links_hardware_address_is_read_from_ifla_address()
    {
        byte[] link = LinkMessage(16, 6, 0x41, "eth0");
        byte[] mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
        byte[] attr = Attribute(1, mac);
        byte[] m = [.. link, .. attr];
        BitConverter.GetBytes((uint)m.Length).CopyTo(m, 0);

        LinkStatus l = NetlinkReply.ReadLinks(m).Single();
        Assert.That(l.HardwareAddress, Is.EqualTo(mac));
    }

    [Test]
    public void An_address_dump_gives_ipv4_by_its_local_address_and_ipv6_by_its_address()
    {
        // A point-to-point IPv4 address: IFA_ADDRESS is the peer, IFA_LOCAL our own.
        byte[] v4 = AddressMessage(2, 24, 3, Attribute(1, [10, 0, 0, 9]), Attribute(2, [10, 0, 0, 1]));
        byte[] v6 = AddressMessage(10, 64, 3, Attribute(1, System.Net.IPAddress.Parse("fe80::1").GetAddressBytes()));
        byte[] other = AddressMessage(17, 0, 3, Attribute(1, [1, 2, 3, 4, 5, 6]));

        List<InterfaceAddress> found = NetlinkReply.ReadAddresses([.. v4, .. v6, .. other]);

        Assert.That(found, Is.EqualTo(new[]
        {
            new InterfaceAddress(3, System.Net.IPAddress.Parse("10.0.0.1"), 24),
            new InterfaceAddress(3, System.Net.IPAddress.Parse("fe80::1"), 64),
        }));
    }

    [FsProperty]
    public bool Reading_arbitrary_replies_never_throws(byte[] bytes)
    {
        _ = NetlinkReply.ReadAddresses(bytes ?? []);
        _ = NetlinkReply.ReadLinks(bytes ?? []);
        _ = NetlinkReply.TryFindAck(bytes ?? [], 1, out _);
        return true;
    }

    private static byte[] Attribute(ushort type, byte[] value)
    {
        byte[] a = new byte[(4 + value.Length + 3) & ~3];
        BitConverter.GetBytes((ushort)(4 + value.Length)).CopyTo(a, 0);
        BitConverter.GetBytes(type).CopyTo(a, 2);
        value.CopyTo(a, 4);
        return a;
    }

    private static byte[] AddressMessage(byte family, byte prefix, int index, params byte[][] attributes)
    {
        byte[] body = [family, prefix, 0, 0, .. BitConverter.GetBytes(index), .. attributes.SelectMany(a => a)];
        byte[] m = new byte[16 + body.Length];
        BitConverter.GetBytes((uint)m.Length).CopyTo(m, 0);
        BitConverter.GetBytes((ushort)20).CopyTo(m, 4);
        body.CopyTo(m, 16);
        return m;
    }

    private static byte[] LinkMessage(ushort type, int index, uint flags, string name)
    {
        byte[] nameBytes = [.. System.Text.Encoding.ASCII.GetBytes(name), 0];
        int attrLen = 4 + nameBytes.Length;
        int len = 16 + 16 + ((attrLen + 3) & ~3);
        byte[] m = new byte[len];
        BitConverter.GetBytes((uint)len).CopyTo(m, 0);
        BitConverter.GetBytes(type).CopyTo(m, 4);
        BitConverter.GetBytes(index).CopyTo(m, 16 + 4);
        BitConverter.GetBytes(flags).CopyTo(m, 16 + 8);
        BitConverter.GetBytes((ushort)attrLen).CopyTo(m, 32);
        BitConverter.GetBytes((ushort)3).CopyTo(m, 34);
        nameBytes.CopyTo(m, 36);
        return m;
    }
}
