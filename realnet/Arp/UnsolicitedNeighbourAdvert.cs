using System.Net;
using System.Net.NetworkInformation;

namespace VrrpLab.RealNet.Arp;

/// <summary>
/// The IPv6 counterpart of a gratuitous ARP (RFC 4861 section 7.2.6): an unsolicited Neighbor
/// Advertisement to all nodes (ff02::1) with the Override flag, the VIP as target and the
/// interface's MAC as target link-layer address option. This is the ICMPv6 message only: the
/// kernel fills in the checksum for raw ICMPv6 sockets.
/// </summary>
internal static class UnsolicitedNeighbourAdvert
{
    /// <summary>All-nodes multicast address, the destination.</summary>
    public static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    /// <summary>Builds the 32-byte ICMPv6 message for <paramref name="target"/>.</summary>
    public static byte[] Build(PhysicalAddress interfaceMac, IPAddress target)
    {
        byte[] m = new byte[32];
        m[0] = 136; // Neighbor Advertisement
        m[4] = 0x20; // Override (not Router, not Solicited)
        target.TryWriteBytes(m.AsSpan(8, 16), out _);
        m[24] = 2; // Target Link-Layer Address option
        m[25] = 1; // length in units of 8 bytes
        interfaceMac.GetAddressBytes().AsSpan(0, 6).CopyTo(m.AsSpan(26));
        return m;
    }
}
