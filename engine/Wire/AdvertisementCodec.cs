// Over 400 lines: encode and decode of both versions and both checksum forms stay side by side so the two directions cannot drift apart.
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// Encodes and decodes VRRP advertisements: VRRPv2 (RFC 3768 section 5) with keepalived's
/// PASS authentication, and VRRPv3 (RFC 5798 / RFC 9568 section 5) over IPv4 and IPv6.
/// </summary>
/// <remarks>
/// Layout (the VRRP message is the IP payload):
/// byte 0 version/type (0x21 or 0x31), 1 VRID, 2 priority, 3 address count,
/// 4-5 v2: auth type + interval in whole seconds; v3: 4 reserved bits + 12-bit interval in centiseconds,
/// 6-7 checksum, then the addresses, then (v2 only) 8 bytes of authentication data.
/// Passwords travel as their UTF-8 bytes (keepalived copies the configured bytes), truncated to
/// 8 bytes and zero padded.
/// </remarks>
public static class AdvertisementCodec
{
    /// <summary>Length of the fixed VRRP header (both versions).</summary>
    public const int HeaderLength = 8;

    /// <summary>Length of the VRRPv2 authentication data that follows the addresses (RFC 3768 section 5.3.10).</summary>
    public const int AuthDataLength = 8;

    /// <summary>The only VRRP packet type, ADVERTISEMENT (RFC 3768 section 5.3.2).</summary>
    public const int AdvertisementType = 1;

    /// <summary>The largest VRRPv3 interval field: 12 bits of centiseconds (RFC 5798 section 5.2.7).</summary>
    public const int MaxV3IntervalCentiseconds = 0x0FFF;

    /// <summary>Bytes <see cref="Encode(Advertisement, IPAddress, IPAddress, V3ChecksumForm)"/> produces for <paramref name="advert"/>.</summary>
    public static int EncodedLength(Advertisement advert)
    {
        ArgumentNullException.ThrowIfNull(advert);
        int addressSize = advert.Addresses.IsDefaultOrEmpty ? 4 : AddressSize(advert.Addresses[0].AddressFamily);
        int count = advert.Addresses.IsDefault ? 0 : advert.Addresses.Length;
        return HeaderLength + (count * addressSize) + (advert.Version == VrrpVersion.V2 ? AuthDataLength : 0);
    }

    /// <summary>Encodes <paramref name="advert"/> with its checksum.</summary>
    /// <param name="advert">The advertisement. Any value that fits the wire fields is encoded (VRID 0, interval 0 and
    /// an empty v3 address list included, so tests can build invalid but well-formed packets).</param>
    /// <param name="source">The sender's address (IPv4 or IPv6); v3 checksums cover it.</param>
    /// <param name="destination">224.0.0.18, ff02::12 or a unicast peer; v3 checksums cover it.</param>
    /// <param name="form">For v3 over IPv4: with the pseudo-header (RFC 5798 as deployed) or without (RFC 9568).
    /// Ignored for v2 (message only) and v3 over IPv6 (always the pseudo-header).</param>
    /// <exception cref="ArgumentException">The advert cannot be represented (see <see cref="Encode(Advertisement, IPAddress, IPAddress, V3ChecksumForm, Span{byte})"/>).</exception>
    public static byte[] Encode(Advertisement advert, IPAddress source, IPAddress destination, V3ChecksumForm form)
    {
        byte[] buffer = new byte[EncodedLength(advert)];
        Encode(advert, source, destination, form, buffer);
        return buffer;
    }

    /// <summary>Encodes <paramref name="advert"/> into <paramref name="buffer"/> without allocating.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">
    /// The buffer is too small, or the advert cannot be represented: more than 255 addresses, addresses of another
    /// family than <paramref name="source"/>, v2 over IPv6, a v2 interval that is not 0..255 whole seconds, a v3
    /// interval that is not 0..4095 whole centiseconds.
    /// </exception>
    public static int Encode(Advertisement advert, IPAddress source, IPAddress destination, V3ChecksumForm form, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(advert);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ImmutableArray<IPAddress> addresses = advert.Addresses.IsDefault ? [] : advert.Addresses;
        int addressSize = AddressSize(source.AddressFamily);
        if (addressSize == 0 || destination.AddressFamily != source.AddressFamily)
        {
            throw new ArgumentException($"source {source} and destination {destination} must both be IPv4 or both IPv6", nameof(source));
        }

        bool v2 = advert.Version == VrrpVersion.V2;
        if (!v2 && advert.Version != VrrpVersion.V3)
        {
            throw new ArgumentException($"unknown VRRP version {advert.Version}", nameof(advert));
        }

        if (v2 && addressSize != 4)
        {
            throw new ArgumentException("VRRPv2 is IPv4 only (RFC 3768)", nameof(advert));
        }

        if (addresses.Length > byte.MaxValue)
        {
            throw new ArgumentException($"{addresses.Length} addresses do not fit the 8-bit count", nameof(advert));
        }

        int length = HeaderLength + (addresses.Length * addressSize) + (v2 ? AuthDataLength : 0);
        if (buffer.Length < length)
        {
            throw new ArgumentException($"buffer of {buffer.Length} bytes is shorter than the {length}-byte message", nameof(buffer));
        }

        Span<byte> message = buffer[..length];
        message.Clear();
        message[0] = (byte)((v2 ? 0x20 : 0x30) | AdvertisementType);
        message[1] = advert.VirtualRouterId;
        message[2] = advert.Priority;
        message[3] = (byte)addresses.Length;
        long us = advert.AdvertInterval.Microseconds;
        if (v2)
        {
            if (us % 1_000_000 != 0 || us < 0 || us > 255L * 1_000_000)
            {
                throw new ArgumentException($"VRRPv2 interval {advert.AdvertInterval} is not 0..255 whole seconds", nameof(advert));
            }

            message[4] = (byte)advert.AuthType;
            message[5] = (byte)(us / 1_000_000);
        }
        else
        {
            if (us % 10_000 != 0 || us < 0 || us > MaxV3IntervalCentiseconds * 10_000L)
            {
                throw new ArgumentException($"VRRPv3 interval {advert.AdvertInterval} is not 0..4095 whole centiseconds", nameof(advert));
            }

            BinaryPrimitives.WriteUInt16BigEndian(message[4..], (ushort)(us / 10_000));
        }

        for (int i = 0; i < addresses.Length; i++)
        {
            IPAddress a = addresses[i] ?? throw new ArgumentException("null address", nameof(advert));
            if (a.AddressFamily != source.AddressFamily)
            {
                throw new ArgumentException($"address {a} is not of the source's family ({source})", nameof(advert));
            }

            a.TryWriteBytes(message.Slice(HeaderLength + (i * addressSize), addressSize), out _);
        }

        if (v2 && advert.AuthType == AuthType.SimpleText)
        {
            WritePassword(advert.AuthData, message.Slice(HeaderLength + (addresses.Length * 4), AuthDataLength));
        }

        ulong sum = 0;
        if (!v2 && (addressSize == 16 || form == V3ChecksumForm.PseudoHeader))
        {
            InternetChecksum.TryPseudoHeaderSum(source, destination, length, out sum);
        }

        sum = InternetChecksum.Add(sum, message);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], (ushort)~InternetChecksum.Fold(sum));
        return length;
    }

    /// <summary>Decodes and validates a VRRP message (the IP payload). Never throws.</summary>
    /// <param name="message">The VRRP message, without IP header.</param>
    /// <param name="source">The IP source; it sets the address family (IPv4 or IPv6) and enters v3 checksums.</param>
    /// <param name="destination">The IP destination; enters v3 checksums.</param>
    /// <param name="expectations">The receiving instance's version, v2 authentication and v2 interval; null to check
    /// only what the message itself determines.</param>
    /// <param name="advert">The advertisement when valid.</param>
    /// <param name="reason"><see cref="AdvertDropReason.None"/> when valid, else the first failed check.</param>
    /// <remarks>
    /// Checks run in keepalived's order (vrrp.c vrrp_check_packet; domain.md section 4): length (count against
    /// length), version, v2 auth type and password, v2 advert interval mismatch, type, checksum (v3 over IPv4:
    /// either form), then interval 0, v3 count 0 and VRID 0. TTL and the VRID lookup are the caller's.
    /// Source and destination of different families (or null) give <see cref="AdvertDropReason.BadIpHeader"/>.
    /// </remarks>
    public static bool TryDecode(
        ReadOnlySpan<byte> message,
        IPAddress source,
        IPAddress destination,
        ReceiverExpectations? expectations,
        [NotNullWhen(true)] out Advertisement? advert,
        out AdvertDropReason reason)
    {
        advert = null;
        reason = Validate(message, source, destination, expectations, out int addressSize);
        if (reason != AdvertDropReason.None)
        {
            return false;
        }

        advert = Build(message, addressSize);
        return true;
    }

    /// <summary>
    /// Runs <see cref="TryDecode"/>'s checks without building the advertisement (no allocation), e.g. to
    /// count and drop malformed packets cheaply. Never throws.
    /// </summary>
    /// <returns><see cref="AdvertDropReason.None"/> when <see cref="TryDecode"/> would accept the message, else its reason.</returns>
    public static AdvertDropReason Validate(
        ReadOnlySpan<byte> message,
        IPAddress source,
        IPAddress destination,
        ReceiverExpectations? expectations) =>
        Validate(message, source, destination, expectations, out _);

    /// <summary>
    /// <see cref="Validate(ReadOnlySpan{byte}, IPAddress, IPAddress, ReceiverExpectations?)"/> with the addresses as
    /// their network-order bytes (4 for IPv4, 16 for IPv6): a receive path can judge a datagram straight from its
    /// buffer without building an <see cref="IPAddress"/>. Never throws, never allocates.
    /// </summary>
    public static AdvertDropReason Validate(
        ReadOnlySpan<byte> message,
        ReadOnlySpan<byte> source,
        ReadOnlySpan<byte> destination,
        ReceiverExpectations? expectations) =>
        ValidateBytes(message, source, destination, expectations);

    /// <summary>
    /// Reports every verdict on a VRRP message separately (length, version, type, checksum in each form, interval,
    /// count, VRID, and with <paramref name="expectations"/> auth and v2 interval), for <c>vrrplab decode</c>.
    /// Never throws.
    /// </summary>
    /// <param name="message">The VRRP message, without IP header.</param>
    /// <param name="source">The IP source, or null when unknown: the family is then inferred (v2 and lengths that fit
    /// IPv4 addresses are IPv4) and pseudo-header checksums are <see cref="CheckOutcome.Unknown"/>.</param>
    /// <param name="destination">The IP destination, or null when unknown.</param>
    /// <param name="expectations">Optional receiver configuration.</param>
    public static AdvertisementInspection Inspect(
        ReadOnlySpan<byte> message,
        IPAddress? source,
        IPAddress? destination,
        ReceiverExpectations? expectations = null) =>
        AdvertisementInspection.Create(message, source, destination, expectations);

    /// <summary>The size of one address of <paramref name="family"/> in the message, 0 for families VRRP does not carry.</summary>
    internal static int AddressSize(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => 4,
        AddressFamily.InterNetworkV6 => 16,
        _ => 0,
    };

    /// <summary>The message length the header announces, or -1 for an unknown version.</summary>
    internal static int ExpectedLength(int version, int count, int addressSize) => version switch
    {
        2 => HeaderLength + (count * 4) + AuthDataLength,
        3 => HeaderLength + (count * addressSize),
        _ => -1,
    };

    /// <summary>True when the password bytes in the message equal <paramref name="password"/> zero padded to 8 bytes.</summary>
    internal static bool PasswordMatches(ReadOnlySpan<byte> authData, string? password)
    {
        Span<byte> expected = stackalloc byte[AuthDataLength];
        expected.Clear();
        WritePassword(password ?? "", expected);
        return authData.SequenceEqual(expected);
    }

    /// <summary>The password carried in 8 bytes of v2 authentication data, trailing zero padding removed.</summary>
    internal static string ReadPassword(ReadOnlySpan<byte> authData)
    {
        int end = authData.Length;
        while (end > 0 && authData[end - 1] == 0)
        {
            end--;
        }

        return Encoding.UTF8.GetString(authData[..end]);
    }

    /// <summary>True when the checksum verifies over the message alone (v2, and v3 as RFC 9568).</summary>
    internal static bool MessageChecksumOk(ReadOnlySpan<byte> message) =>
        InternetChecksum.Fold(InternetChecksum.Add(0, message)) == 0xFFFF;

    /// <summary>True when the checksum verifies with the pseudo-header of <paramref name="source"/> and <paramref name="destination"/>.</summary>
    internal static bool PseudoHeaderChecksumOk(ReadOnlySpan<byte> message, IPAddress source, IPAddress destination) =>
        InternetChecksum.TryPseudoHeaderSum(source, destination, message.Length, out ulong sum)
        && InternetChecksum.Fold(InternetChecksum.Add(sum, message)) == 0xFFFF;

    /// <summary>The same check with the addresses as network-order bytes.</summary>
    internal static bool PseudoHeaderChecksumOk(ReadOnlySpan<byte> message, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination) =>
        InternetChecksum.TryPseudoHeaderSum(source, destination, message.Length, out ulong sum)
        && InternetChecksum.Fold(InternetChecksum.Add(sum, message)) == 0xFFFF;

    /// <summary>Builds the advertisement from a message that passed validation.</summary>
    internal static Advertisement Build(ReadOnlySpan<byte> message, int addressSize)
    {
        bool v2 = message[0] >> 4 == 2;
        int count = message[3];
        var array = new IPAddress[count];
        for (int i = 0; i < count; i++)
        {
            array[i] = new IPAddress(message.Slice(HeaderLength + (i * addressSize), addressSize));
        }

        // The array is never written again: wrap it without the builder's copy.
        ImmutableArray<IPAddress> addresses = ImmutableCollectionsMarshal.AsImmutableArray(array);

        if (v2)
        {
            var authType = (AuthType)message[4];
            string authData = authType == AuthType.SimpleText
                ? ReadPassword(message.Slice(HeaderLength + (count * 4), AuthDataLength))
                : "";
            return new Advertisement(VrrpVersion.V2, message[1], message[2], Duration.FromSeconds(message[5]),
                addresses, authType, authData);
        }

        int centiseconds = BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & MaxV3IntervalCentiseconds;
        return new Advertisement(VrrpVersion.V3, message[1], message[2], Duration.FromCentiseconds(centiseconds),
            addresses);
    }

    private static AdvertDropReason Validate(
        ReadOnlySpan<byte> message,
        IPAddress? source,
        IPAddress? destination,
        ReceiverExpectations? expectations,
        out int addressSize)
    {
        addressSize = source is null ? 0 : AddressSize(source.AddressFamily);
        Span<byte> src = stackalloc byte[16];
        Span<byte> dst = stackalloc byte[16];
        if (addressSize == 0 || destination is null || destination.AddressFamily != source!.AddressFamily
            || !source.TryWriteBytes(src, out int ns) || !destination.TryWriteBytes(dst, out int nd))
        {
            return AdvertDropReason.BadIpHeader;
        }

        return ValidateBytes(message, src[..ns], dst[..nd], expectations);
    }

    private static AdvertDropReason ValidateBytes(
        ReadOnlySpan<byte> message,
        ReadOnlySpan<byte> source,
        ReadOnlySpan<byte> destination,
        ReceiverExpectations? expectations)
    {
        int addressSize = source.Length;
        if ((addressSize != 4 && addressSize != 16) || destination.Length != addressSize)
        {
            return AdvertDropReason.BadIpHeader;
        }

        if (message.Length < HeaderLength)
        {
            return AdvertDropReason.TooShort;
        }

        int version = message[0] >> 4;
        int count = message[3];
        int expectedLength = ExpectedLength(version, count, addressSize);
        if (expectedLength >= 0 && message.Length < expectedLength)
        {
            return AdvertDropReason.TooShort;
        }

        if (expectedLength >= 0 && message.Length > expectedLength)
        {
            return AdvertDropReason.LengthMismatch;
        }

        if (expectedLength < 0 || (version == 2 && addressSize != 4)
            || (expectations is { } e && (int)e.Version != version))
        {
            return AdvertDropReason.BadVersion;
        }

        if (version == 2 && expectations is { } exp)
        {
            // keepalived: auth type, then password (memcmp of the 8 bytes), then "advertisement interval mismatch".
            if (message[4] != (byte)exp.AuthType)
            {
                return AdvertDropReason.AuthTypeMismatch;
            }

            if (exp.AuthType == AuthType.SimpleText
                && !PasswordMatches(message.Slice(HeaderLength + (count * 4), AuthDataLength), exp.AuthPassword))
            {
                return AdvertDropReason.AuthFailure;
            }

            if (message[5] * 1_000_000L != exp.AdvertInterval.Microseconds)
            {
                return AdvertDropReason.IntervalMismatch;
            }
        }

        if ((message[0] & 0x0F) != AdvertisementType)
        {
            return AdvertDropReason.BadType;
        }

        bool checksumOk = version == 2
            ? MessageChecksumOk(message)
            : PseudoHeaderChecksumOk(message, source, destination) || (addressSize == 4 && MessageChecksumOk(message));
        if (!checksumOk)
        {
            return AdvertDropReason.BadChecksum;
        }

        int interval = version == 2 ? message[5] : BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & MaxV3IntervalCentiseconds;
        if (interval == 0)
        {
            return AdvertDropReason.ZeroInterval;
        }

        if (version == 3 && count == 0)
        {
            return AdvertDropReason.NoAddresses;
        }

        return message[1] == 0 ? AdvertDropReason.InvalidVrid : AdvertDropReason.None;
    }

    private static void WritePassword(string? password, Span<byte> authData)
    {
        // keepalived truncates auth_pass to 8 characters (bytes); whole UTF-8 sequences only here.
        Utf8.FromUtf16(password ?? "", authData, out _, out _, replaceInvalidSequences: true, isFinalBlock: true);
    }
}
