using System.Net;
using System.Net.Sockets;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the 16-bit one's-complement of the one's-complement sum of
/// big-endian 16-bit words, an odd trailing byte padded with zero. VRRPv2 sums the message only
/// (RFC 3768 section 5.3.8); VRRPv3 adds the IPv4 or IPv6 pseudo-header (RFC 5798 section 5.2.8),
/// except RFC 9568's IPv4 form, which sums the message only again.
/// </summary>
internal static class InternetChecksum
{
    /// <summary>IP protocol number of VRRP.</summary>
    public const byte VrrpProtocol = 112;

    /// <summary>Adds <paramref name="data"/> to a running (unfolded) sum.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        return sum;
    }

    /// <summary>Folds the carries of a running sum into 16 bits (not complemented).</summary>
    public static ushort Fold(ulong sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)sum;
    }

    /// <summary>The running sum of the pseudo-header for <paramref name="length"/> bytes of VRRP between two addresses of one family.</summary>
    /// <returns>False when the addresses are not both IPv4 or both IPv6.</returns>
    public static bool TryPseudoHeaderSum(IPAddress source, IPAddress destination, int length, out ulong sum)
    {
        sum = 0;
        Span<byte> buffer = stackalloc byte[16];
        if (source.AddressFamily != destination.AddressFamily)
        {
            return false;
        }

        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            // RFC 5798 section 5.2.8 / RFC 768 style: src, dst, zero, protocol, VRRP length.
            sum = AddAddress(sum, source, buffer);
            sum = AddAddress(sum, destination, buffer);
            sum += VrrpProtocol;
            sum += (uint)length;
            return true;
        }

        if (source.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // RFC 8200 section 8.1: src, dst, 32-bit upper-layer length, 3 zero bytes, next header.
            sum = AddAddress(sum, source, buffer);
            sum = AddAddress(sum, destination, buffer);
            sum += (uint)(length >> 16) + (uint)(length & 0xFFFF);
            sum += VrrpProtocol;
            return true;
        }

        return false;
    }

    private static ulong AddAddress(ulong sum, IPAddress address, Span<byte> buffer)
    {
        address.TryWriteBytes(buffer, out int written);
        return Add(sum, buffer[..written]);
    }
}
