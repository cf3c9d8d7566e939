using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace VrrpLab.RealNet.Arp;

/// <summary>
/// The gratuitous ARP keepalived sends for a VIP (vrrp_arp.c, observed on 2.2.7): an Ethernet
/// broadcast from the interface's own MAC carrying an ARP request with sender IP = target IP =
/// the VIP, sender hardware address = the interface MAC, target hardware address all ones.
/// 42 bytes, no padding.
/// </summary>
/// <remarks>
/// Written field by field rather than with PacketDotNet's <c>EthernetPacket</c>/<c>ArpPacket</c>:
/// those build their payload through an unannotated <c>Activator.CreateInstance&lt;T&gt;</c>
/// (PacketDotNet's <c>LazySlim&lt;T&gt;</c>), which the NativeAOT build of <c>vrrplab</c> rejects as
/// trim-unsafe (IL2091). The tests decode the frame with PacketDotNet as an independent check.
/// </remarks>
internal static class GratuitousArpFrame
{
    /// <summary>The frame's length: Ethernet header (14) + ARP for IPv4 over Ethernet (28).</summary>
    public const int Length = 42;

    private const ushort EtherTypeArp = 0x0806;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort HardwareEthernet = 1;
    private const ushort OperationRequest = 1;

    /// <summary>Builds the frame for <paramref name="address"/> (IPv4) sent from <paramref name="interfaceMac"/> (6 bytes).</summary>
    /// <exception cref="ArgumentException">Not an IPv4 address, or not an Ethernet MAC.</exception>
    public static byte[] Build(PhysicalAddress interfaceMac, IPAddress address)
    {
        byte[] mac = interfaceMac.GetAddressBytes();
        if (mac.Length != 6)
        {
            throw new ArgumentException($"not an Ethernet address: {interfaceMac}", nameof(interfaceMac));
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"gratuitous ARP is for IPv4 addresses, not {address}", nameof(address));
        }

        byte[] frame = new byte[Length];
        Span<byte> f = frame;
        f[..6].Fill(0xFF);                                            // destination: broadcast
        mac.CopyTo(f[6..12]);                                         // source: the interface
        BinaryPrimitives.WriteUInt16BigEndian(f[12..], EtherTypeArp);
        BinaryPrimitives.WriteUInt16BigEndian(f[14..], HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(f[16..], EtherTypeIpv4);
        f[18] = 6;                                                    // hardware address length
        f[19] = 4;                                                    // protocol address length
        BinaryPrimitives.WriteUInt16BigEndian(f[20..], OperationRequest);
        mac.CopyTo(f[22..28]);                                        // sender MAC
        address.TryWriteBytes(f[28..32], out _);                      // sender IP = the VIP
        f[32..38].Fill(0xFF);                                         // target MAC: all ones
        address.TryWriteBytes(f[38..42], out _);                      // target IP = the VIP
        return frame;
    }
}
