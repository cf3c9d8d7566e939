using System.Net.NetworkInformation;
using PacketDotNet;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>Our gratuitous ARP against the frame keepalived 2.2.7 sent (tcpdump -XX in a namespace LAN).</summary>
public sealed class GratuitousArpFrameTests
{
    [Test]
    public void Frame_is_byte_for_byte_the_one_keepalived_sends()
    {
        const string keepalived =
            "ffffffffffff" + "6a669ea8c688" + "0806" // broadcast, from the interface MAC, ARP
            + "0001" + "0800" + "06" + "04" + "0001" // Ethernet/IPv4, request
            + "6a669ea8c688" + "0a4d0064"            // sender: interface MAC, VIP
            + "ffffffffffff" + "0a4d0064";           // target: all ones, VIP
        byte[] frame = GratuitousArpFrame.Build(PhysicalAddress.Parse("6a-66-9e-a8-c6-88"), IPAddress.Parse("10.77.0.100"));
        Assert.That(Convert.ToHexString(frame).ToLowerInvariant(), Is.EqualTo(keepalived));
    }

    [Test]
    public void PacketDotNet_decodes_the_frame_as_an_arp_request_announcing_the_vip_from_the_interface()
    {
        var mac = PhysicalAddress.Parse("02-00-5e-00-01-33");
        var vip = IPAddress.Parse("192.0.2.77");
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, GratuitousArpFrame.Build(mac, vip));
        var arp = ethernet.Extract<ArpPacket>();
        Assert.Multiple(() =>
        {
            Assert.That(ethernet.DestinationHardwareAddress.ToString(), Is.EqualTo("FFFFFFFFFFFF"));
            Assert.That(ethernet.SourceHardwareAddress, Is.EqualTo(mac));
            Assert.That(ethernet.Type, Is.EqualTo(EthernetType.Arp));
            Assert.That(arp, Is.Not.Null);
            Assert.That(arp.Operation, Is.EqualTo(ArpOperation.Request));
            Assert.That(arp.SenderHardwareAddress, Is.EqualTo(mac));
            Assert.That(arp.SenderProtocolAddress, Is.EqualTo(vip));
            Assert.That(arp.TargetProtocolAddress, Is.EqualTo(vip));
        });
    }

    [Test]
    public void An_ipv6_address_or_a_non_ethernet_mac_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GratuitousArpFrame.Build(PhysicalAddress.Parse("02-00-5e-00-01-33"), IPAddress.Parse("fd00::1")));
        Assert.Throws<ArgumentException>(() => GratuitousArpFrame.Build(PhysicalAddress.None, IPAddress.Parse("192.0.2.1")));
    }
}
