using System.Buffers.Binary;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// Builds the VRRP messages of a flood (<see cref="FloodKind"/>): what a third host on the LAN, or a
/// second cluster reusing the VRID, sends. A pure function of its arguments (the caller supplies one
/// 64-bit random word per datagram), so the simulator and <c>vrrplab flood</c> produce the same bytes
/// from the same seed, and writes into the caller's buffer: no allocation per datagram.
/// </summary>
/// <remarks>
/// Every datagram starts with a version/type octet and the VRID, so keepalived 2.2.7 takes every one of
/// at least 8 bytes for that VRID (and restarts a MASTER's advert timer). None is valid for the cluster:
/// garbage never carries a verifying checksum, wrong_auth carries a password other than the cluster's,
/// wrong_version the other version. Adverts carry priority 254 and one address of the documentation
/// ranges (192.0.2.1, 2001:db8::1): accepted, each would take the VIP over.
/// </remarks>
public static class FloodDatagrams
{
    /// <summary>The longest datagram this builder writes.</summary>
    public const int MaxLength = 64;

    /// <summary>The priority flood adverts carry.</summary>
    public const byte Priority = 254;

    /// <summary>The password of wrong_auth adverts (or <see cref="AlternatePassword"/> when the cluster uses this one).</summary>
    public const string Password = "vrrplab!";

    /// <summary>The password of wrong_auth adverts for a cluster whose password is <see cref="Password"/>.</summary>
    public const string AlternatePassword = "flooding";

    /// <summary>
    /// Writes one flood datagram (the VRRP message, IP payload) into <paramref name="buffer"/> (at least
    /// <see cref="MaxLength"/> bytes).
    /// </summary>
    /// <param name="kind">What to send.</param>
    /// <param name="vrid">The VRID every datagram names.</param>
    /// <param name="clusterVersion">The version the cluster runs (wrong_version sends the other one).</param>
    /// <param name="clusterPassword">The cluster's <c>auth_pass</c>, if any (wrong_auth avoids it).</param>
    /// <param name="entropy">This datagram's random word (garbage only).</param>
    /// <param name="source">The flooding host's address, network order (4 or 16 bytes): enters checksums.</param>
    /// <param name="destination">224.0.0.18 or ff02::12, network order.</param>
    /// <param name="buffer">Where to write.</param>
    /// <returns>The datagram's length.</returns>
    public static int Write(
        FloodKind kind,
        byte vrid,
        VrrpVersion clusterVersion,
        string? clusterPassword,
        ulong entropy,
        ReadOnlySpan<byte> source,
        ReadOnlySpan<byte> destination,
        Span<byte> buffer)
    {
        if (buffer.Length < MaxLength)
        {
            throw new ArgumentException($"the buffer must hold {MaxLength} bytes", nameof(buffer));
        }

        bool ipv6 = source.Length == 16;
        return kind switch
        {
            FloodKind.Garbage => Garbage(vrid, entropy, source, destination, buffer),
            FloodKind.WrongAuth => Advert(VrrpVersion.V2, vrid, ipv6, WrongPassword(clusterPassword), source, destination, buffer),
            FloodKind.WrongVersion => Advert(clusterVersion == VrrpVersion.V2 ? VrrpVersion.V3 : VrrpVersion.V2, vrid, ipv6, null, source, destination, buffer),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The password wrong_auth adverts carry against a cluster whose password is <paramref name="clusterPassword"/>.</summary>
    public static string WrongPassword(string? clusterPassword) =>
        string.Equals(Truncated(clusterPassword), Password, StringComparison.Ordinal) ? AlternatePassword : Password;

    private static string? Truncated(string? password) => password is { Length: > 8 } ? password[..8] : password;

    private static int Garbage(byte vrid, ulong entropy, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, Span<byte> buffer)
    {
        // SplitMix64 expands the word into the bytes; the first draw decides length and version.
        ulong state = entropy;
        ulong first = Next(ref state);
        int length = 2 + (int)(first % (MaxLength - 1));
        buffer[0] = (first & (1UL << 40)) == 0 ? (byte)0x21 : (byte)0x31;
        buffer[1] = vrid;
        for (int i = 2; i < length; i += 8)
        {
            ulong word = Next(ref state);
            for (int b = 0; b < 8 && i + b < length; b++)
            {
                buffer[i + b] = (byte)(word >> (8 * b));
            }
        }

        if (length >= AdvertisementCodec.HeaderLength)
        {
            // Never a verifying checksum, in any of the forms a receiver may accept.
            Span<byte> message = buffer[..length];
            BinaryPrimitives.WriteUInt16BigEndian(message[6..], 0);
            ushort plain = (ushort)~InternetChecksum.Fold(InternetChecksum.Add(0, message));
            ushort pseudo = InternetChecksum.TryPseudoHeaderSum(source, destination, length, out ulong sum)
                ? (ushort)~InternetChecksum.Fold(InternetChecksum.Add(sum, message))
                : plain;
            ushort wrong = (ushort)(plain ^ 0x5A5A);
            while (wrong == plain || wrong == pseudo || (ushort)~wrong == 0 || wrong == 0xFFFF || wrong == 0)
            {
                wrong++;
            }

            BinaryPrimitives.WriteUInt16BigEndian(message[6..], wrong);
        }

        return length;
    }

    private static int Advert(VrrpVersion version, byte vrid, bool ipv6, string? password, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, Span<byte> buffer)
    {
        int addressSize = ipv6 ? 16 : 4;
        bool v2 = version == VrrpVersion.V2;
        int length = AdvertisementCodec.HeaderLength + addressSize + (v2 ? AdvertisementCodec.AuthDataLength : 0);
        Span<byte> m = buffer[..length];
        m.Clear();
        m[0] = v2 ? (byte)0x21 : (byte)0x31;
        m[1] = vrid;
        m[2] = Priority;
        m[3] = 1;
        if (v2)
        {
            m[4] = password is null ? (byte)AuthType.None : (byte)AuthType.SimpleText;
            m[5] = 1;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(m[4..], 100);
        }

        if (ipv6)
        {
            // 2001:db8::1 (RFC 3849 documentation prefix).
            m[8] = 0x20;
            m[9] = 0x01;
            m[10] = 0x0d;
            m[11] = 0xb8;
            m[23] = 1;
        }
        else
        {
            // 192.0.2.1 (RFC 5737 TEST-NET-1).
            m[8] = 192;
            m[9] = 0;
            m[10] = 2;
            m[11] = 1;
        }

        if (password is not null)
        {
            System.Text.Encoding.UTF8.GetBytes(password.AsSpan(0, Math.Min(password.Length, 8)), m.Slice(AdvertisementCodec.HeaderLength + addressSize, 8));
        }

        ulong sum = 0;
        if (!v2)
        {
            InternetChecksum.TryPseudoHeaderSum(source, destination, length, out sum);
        }

        BinaryPrimitives.WriteUInt16BigEndian(m[6..], (ushort)~InternetChecksum.Fold(InternetChecksum.Add(sum, m)));
        return length;
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
