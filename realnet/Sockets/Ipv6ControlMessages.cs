using System.Buffers.Binary;
using System.Net;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// Reads the ancillary data of a received IPv6 datagram: an IPv6 raw socket delivers no IP header,
/// so the hop limit (IPV6_HOPLIMIT, which must be 255: RFC 9568 section 5.1.2.3) and the
/// destination (IPV6_PKTINFO: ff02::12 or ours for unicast) come as control messages.
/// </summary>
internal static class Ipv6ControlMessages
{
    /// <summary>Size of struct cmsghdr on LP64: size_t length, int level, int type.</summary>
    public const int HeaderLength = 16;

    /// <summary>Finds the hop limit and destination address; -1 / null when absent.</summary>
    public static (int HopLimit, IPAddress? Destination) Read(ReadOnlySpan<byte> control)
    {
        Span<byte> destination = stackalloc byte[16];
        int hopLimit = Read(control, destination, out bool found);
        return (hopLimit, found ? new IPAddress(destination) : null);
    }

    /// <summary>
    /// Finds the hop limit (returned, -1 when absent) and copies the destination address into
    /// <paramref name="destination"/> (16 bytes) when present. Never allocates.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> control, Span<byte> destination, out bool hasDestination)
    {
        int hopLimit = -1;
        hasDestination = false;
        int offset = 0;
        while (offset + HeaderLength <= control.Length)
        {
            long length = BinaryPrimitives.ReadInt64LittleEndian(control[offset..]);
            int level = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 8)..]);
            int type = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 12)..]);
            if (length < HeaderLength || offset + length > control.Length)
            {
                break;
            }

            ReadOnlySpan<byte> data = control.Slice(offset + HeaderLength, (int)length - HeaderLength);
            if (level == Libc.IpProtoIpv6 && type == Libc.Ipv6HopLimit && data.Length >= 4)
            {
                hopLimit = BinaryPrimitives.ReadInt32LittleEndian(data);
            }
            else if (level == Libc.IpProtoIpv6 && type == Libc.Ipv6PktInfo && data.Length >= 20)
            {
                data[..16].CopyTo(destination);
                hasDestination = true;
            }

            offset += (int)((length + 7) & ~7L);
        }

        return hopLimit;
    }
}
