using System.Net;
using System.Net.NetworkInformation;
using VrrpLab.RealNet.Arp;

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
}
