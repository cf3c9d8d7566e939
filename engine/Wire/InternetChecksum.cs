using System.Net;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the 16-bit one's-complement of the one's-complement sum of
/// big-endian 16-bit words, an odd trailing byte padded with zero. VRRPv2 sums the message only
/// (RFC 3768 section 5.3.8); VRRPv3 adds the IPv4 or IPv6 pseudo-header (RFC 5798 section 5.2.8),
/// except RFC 9568's IPv4 form, which sums the message only again.
/// </summary>
internal static class InternetChecksum
{
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
        Span<byte> src = stackalloc byte[16];
        Span<byte> dst = stackalloc byte[16];
        if (source.AddressFamily != destination.AddressFamily
            || !source.TryWriteBytes(src, out int ns) || !destination.TryWriteBytes(dst, out int nd))
        {
            sum = 0;
            return false;
        }

        return TryPseudoHeaderSum(src[..ns], dst[..nd], length, out sum);
    }

    /// <summary>
    /// The pseudo-header sum for addresses given as their network-order bytes (4 for IPv4, 16 for IPv6),
    /// so a receive path can check a checksum without building <see cref="IPAddress"/> objects.
    /// </summary>
    /// <returns>False when the addresses are not both 4 or both 16 bytes long.</returns>
    public static bool TryPseudoHeaderSum(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, int length, out ulong sum)
    {
        sum = 0;
        if (source.Length != destination.Length)
        {
            return false;
        }

        if (source.Length == 4)
        {
            // RFC 5798 section 5.2.8 / RFC 768 style: src, dst, zero, protocol, VRRP length.
            sum = Add(Add(0, source), destination);
            sum += VrrpWire.Protocol;
            sum += (uint)length;
            return true;
        }

        if (source.Length == 16)
        {
            // RFC 8200 section 8.1: src, dst, 32-bit upper-layer length, 3 zero bytes, next header.
            sum = Add(Add(0, source), destination);
            sum += (uint)(length >> 16) + (uint)(length & 0xFFFF);
            sum += VrrpWire.Protocol;
            return true;
        }

        return false;
    }
}
