using System.Buffers.Binary;

namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// Builds VRRP packets by hand (IPv4 header included) for the spoofing tests, independently of the
/// engine's codec: RFC 3768 section 5 (v2) and RFC 5798 section 5 (v3, pseudo-header checksum).
/// </summary>
public static class CraftedPacket
{
    /// <summary>The VRRP multicast group.</summary>
    public static readonly IPAddress VrrpGroup = IPAddress.Parse("224.0.0.18");

    /// <summary>
    /// A VRRP advertisement message. <paramref name="authPass"/> non-null means v2 auth type 1 (PASS);
    /// <paramref name="advertInterval"/> is seconds (v2) or centiseconds (v3); <paramref name="corruptChecksum"/>
    /// flips checksum bits after computing it.
    /// </summary>
    public static byte[] Advertisement(
        int version, int vrid, int priority, int advertInterval, IPAddress[] addresses, string? authPass,
        IPAddress source, bool corruptChecksum = false)
    {
        int authLength = version == 2 ? 8 : 0;
        byte[] m = new byte[8 + (4 * addresses.Length) + authLength];
        m[0] = (byte)((version << 4) | 1);
        m[1] = (byte)vrid;
        m[2] = (byte)priority;
        m[3] = (byte)addresses.Length;
        if (version == 2)
        {
            m[4] = (byte)(authPass is null ? 0 : 1);
            m[5] = (byte)advertInterval;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(4), (ushort)(advertInterval & 0x0fff));
        }

        for (int i = 0; i < addresses.Length; i++)
        {
            addresses[i].GetAddressBytes().CopyTo(m, 8 + (4 * i));
        }

        if (authPass is not null)
        {
            System.Text.Encoding.ASCII.GetBytes(authPass).AsSpan(0, Math.Min(8, authPass.Length)).CopyTo(m.AsSpan(8 + (4 * addresses.Length)));
        }

        ushort checksum = version == 2
            ? InternetChecksum(m)
            : InternetChecksum([.. PseudoHeader(source, VrrpGroup, m.Length), .. m]);
        if (corruptChecksum)
        {
            checksum ^= 0x5a5a;
        }

        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(6), checksum);
        return m;
    }

    /// <summary>An IPv4 packet (20-byte header, protocol 112) carrying <paramref name="payload"/>.</summary>
    public static byte[] Ipv4(IPAddress source, IPAddress destination, int ttl, ReadOnlySpan<byte> payload)
    {
        byte[] p = new byte[20 + payload.Length];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        p[8] = (byte)ttl;
        p[9] = 112;
        source.GetAddressBytes().CopyTo(p, 12);
        destination.GetAddressBytes().CopyTo(p, 16);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), InternetChecksum(p.AsSpan(0, 20)));
        payload.CopyTo(p.AsSpan(20));
        return p;
    }

    /// <summary>The one's-complement Internet checksum (RFC 1071).</summary>
    public static ushort InternetChecksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if ((data.Length & 1) == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static byte[] PseudoHeader(IPAddress source, IPAddress destination, int length)
    {
        byte[] h = new byte[12];
        source.GetAddressBytes().CopyTo(h, 0);
        destination.GetAddressBytes().CopyTo(h, 4);
        h[9] = 112;
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(10), (ushort)length);
        return h;
    }
}
