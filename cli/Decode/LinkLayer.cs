using System.Buffers.Binary;

namespace VrrpLab.Cli.Decode;

/// <summary>Finds the IP packet inside a captured frame for the pcap link types VRRP captures use.</summary>
public static class LinkLayer
{
    /// <summary>LINKTYPE_NULL (BSD loopback).</summary>
    public const int Null = 0;

    /// <summary>LINKTYPE_ETHERNET.</summary>
    public const int Ethernet = 1;

    /// <summary>LINKTYPE_RAW (bare IPv4/IPv6).</summary>
    public const int Raw = 101;

    /// <summary>LINKTYPE_LINUX_SLL (tcpdump -i any, old).</summary>
    public const int LinuxSll = 113;

    /// <summary>LINKTYPE_IPV4.</summary>
    public const int Ipv4 = 228;

    /// <summary>LINKTYPE_IPV6.</summary>
    public const int Ipv6 = 229;

    /// <summary>LINKTYPE_LINUX_SLL2 (tcpdump -i any, libpcap 1.10+).</summary>
    public const int LinuxSll2 = 276;

    /// <summary>Finds where the IP packet starts in <paramref name="frame"/>.</summary>
    /// <param name="linkType">The capture's link type.</param>
    /// <param name="frame">The captured bytes.</param>
    /// <param name="offset">The IP packet's offset when found.</param>
    /// <param name="why">Why there is no IP packet (not IP, unsupported link type, truncated), when not found.</param>
    public static bool TryFindIp(int linkType, ReadOnlySpan<byte> frame, out int offset, out string why)
    {
        offset = 0;
        why = "";
        int etherType;
        switch (linkType)
        {
            case Raw or 12 or 14 or Ipv4 or Ipv6:
                return true;
            case Null:
                offset = 4;
                return frame.Length > 4 || Fail("truncated loopback header", out why);
            case Ethernet:
                offset = 12;
                while (true)
                {
                    if (frame.Length < offset + 2)
                    {
                        return Fail("truncated Ethernet header", out why);
                    }

                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                    offset += 2;
                    if (etherType is not (0x8100 or 0x88A8 or 0x9100))
                    {
                        break;
                    }

                    offset += 2; // the VLAN tag's TCI; the next ethertype follows
                }

                break;
            case LinuxSll:
                if (frame.Length < 16)
                {
                    return Fail("truncated Linux cooked header", out why);
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                offset = 16;
                break;
            case LinuxSll2:
                if (frame.Length < 20)
                {
                    return Fail("truncated Linux cooked v2 header", out why);
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                offset = 20;
                break;
            default:
                return Fail($"unsupported link type {linkType}", out why);
        }

        return etherType is 0x0800 or 0x86DD || Fail($"not IP (ethertype 0x{etherType:x4})", out why);
    }

    private static bool Fail(string message, out string why)
    {
        why = message;
        return false;
    }
}
