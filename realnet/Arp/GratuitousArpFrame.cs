using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;

namespace VrrpLab.RealNet.Arp;

/// <summary>
/// The gratuitous ARP keepalived sends for a VIP (vrrp_arp.c, observed on 2.2.7): an Ethernet
/// broadcast from the interface's own MAC carrying an ARP request with sender IP = target IP =
/// the VIP, sender hardware address = the interface MAC, target hardware address all ones.
/// 42 bytes, no padding.
/// </summary>
internal static class GratuitousArpFrame
{
    private static readonly PhysicalAddress Broadcast = new([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

    /// <summary>Builds the frame for <paramref name="address"/> sent from <paramref name="interfaceMac"/>.</summary>
    public static byte[] Build(PhysicalAddress interfaceMac, IPAddress address)
    {
        var arp = new ArpPacket(ArpOperation.Request, Broadcast, address, interfaceMac, address);
        var ethernet = new EthernetPacket(interfaceMac, Broadcast, EthernetType.Arp) { PayloadPacket = arp };
        return ethernet.Bytes;
    }
}
