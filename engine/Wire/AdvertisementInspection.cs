using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// Every validation verdict on one VRRP message, each reported separately (unlike
/// <see cref="AdvertisementCodec.TryDecode"/>, which stops at the first failure). Built by
/// <see cref="AdvertisementCodec.Inspect"/>; used by <c>vrrplab decode</c>.
/// </summary>
/// <remarks>
/// <see cref="Reason"/> is the first failed check in keepalived's order and equals
/// <see cref="AdvertisementCodec.TryDecode"/>'s reason whenever the source and destination are known.
/// </remarks>
public sealed record AdvertisementInspection
{
    /// <summary>Length of the VRRP message in bytes.</summary>
    public required int Length { get; init; }

    /// <summary>The length the header announces (count and version), or null when it cannot be known.</summary>
    public int? ExpectedLength { get; init; }

    /// <summary>Address family of the carried addresses: from the source address, else inferred.</summary>
    public AddressFamily Family { get; init; }

    /// <summary>True when <see cref="Family"/> came from the source address rather than inference.</summary>
    public bool FamilyFromSource { get; init; }

    /// <summary>Version nibble (byte 0, high), null when the message is shorter than the header.</summary>
    public byte? Version { get; init; }

    /// <summary>Type nibble (byte 0, low).</summary>
    public byte? Type { get; init; }

    /// <summary>VRID (byte 1).</summary>
    public byte? VirtualRouterId { get; init; }

    /// <summary>Priority (byte 2).</summary>
    public byte? Priority { get; init; }

    /// <summary>Address count (byte 3).</summary>
    public byte? Count { get; init; }

    /// <summary>v2 auth type (byte 4); null for v3.</summary>
    public byte? AuthTypeField { get; init; }

    /// <summary>Raw interval field: v2 seconds (byte 5), v3 the 12-bit centiseconds (bytes 4-5).</summary>
    public int? IntervalField { get; init; }

    /// <summary>The interval as a duration (v2 seconds, v3 centiseconds); null for unknown versions.</summary>
    public Duration? Interval { get; init; }

    /// <summary>v3 reserved bits (top 4 bits of byte 4); should be 0, ignored on receive.</summary>
    public byte? Reserved { get; init; }

    /// <summary>Checksum field (bytes 6-7).</summary>
    public ushort? ChecksumField { get; init; }

    /// <summary>The addresses that are wholly present in the message (up to <see cref="Count"/>).</summary>
    public ImmutableArray<IPAddress> Addresses { get; init; } = [];

    /// <summary>v2 authentication data as text (zero padding removed), when present.</summary>
    public string? AuthData { get; init; }

    /// <summary>Length against count and version: Fail when too short or too long.</summary>
    public CheckOutcome LengthCheck { get; init; }

    /// <summary>Version is 2 or 3 (v2 only over IPv4), and the receiver's version when expectations are given.</summary>
    public CheckOutcome VersionCheck { get; init; }

    /// <summary>v2 auth type equals the receiver's (expectations only).</summary>
    public CheckOutcome AuthTypeCheck { get; init; }

    /// <summary>v2 PASS password equals the receiver's (expectations only).</summary>
    public CheckOutcome AuthDataCheck { get; init; }

    /// <summary>v2 interval equals the receiver's (expectations only).</summary>
    public CheckOutcome IntervalMatchCheck { get; init; }

    /// <summary>Type is 1 (ADVERTISEMENT).</summary>
    public CheckOutcome TypeCheck { get; init; }

    /// <summary>v2 checksum (message only, RFC 3768 section 5.3.8).</summary>
    public CheckOutcome ChecksumV2 { get; init; }

    /// <summary>v3 checksum with the IPv4/IPv6 pseudo-header (RFC 5798 section 5.2.8; keepalived's default).</summary>
    public CheckOutcome ChecksumV3PseudoHeader { get; init; }

    /// <summary>v3 over IPv4 checksum without pseudo-header (RFC 9568).</summary>
    public CheckOutcome ChecksumV3MessageOnly { get; init; }

    /// <summary>The overall checksum verdict: Pass if any applicable form verifies, Unknown if undecidable.</summary>
    public CheckOutcome ChecksumCheck { get; init; }

    /// <summary>The form a v3 IPv4 message verified with (pseudo-header preferred when both do).</summary>
    public V3ChecksumForm? VerifiedV3Form { get; init; }

    /// <summary>Interval is not zero.</summary>
    public CheckOutcome IntervalCheck { get; init; }

    /// <summary>v3 count is at least 1.</summary>
    public CheckOutcome CountCheck { get; init; }

    /// <summary>VRID is 1..255.</summary>
    public CheckOutcome VridCheck { get; init; }

    /// <summary>The first failed check in keepalived's order, or <see cref="AdvertDropReason.None"/>.</summary>
    public AdvertDropReason Reason { get; init; }

    /// <summary>The decoded advertisement when no check failed (a check may still be Unknown).</summary>
    public Advertisement? Advertisement { get; init; }

    /// <summary>True when no check failed and none is unknown.</summary>
    public bool IsValid => Reason == AdvertDropReason.None && ChecksumCheck == CheckOutcome.Pass;

    /// <summary>Builds the inspection; never throws.</summary>
    internal static AdvertisementInspection Create(
        ReadOnlySpan<byte> message,
        IPAddress? source,
        IPAddress? destination,
        ReceiverExpectations? expectations)
    {
        int sourceSize = source is null ? 0 : AdvertisementCodec.AddressSize(source.AddressFamily);
        bool familyFromSource = sourceSize != 0;
        bool badAddresses = (source is not null && !familyFromSource)
            || (familyFromSource && destination is not null && destination.AddressFamily != source!.AddressFamily);
        bool addressesKnown = familyFromSource && destination is not null && !badAddresses;
        if (message.Length < AdvertisementCodec.HeaderLength)
        {
            return new AdvertisementInspection
            {
                Length = message.Length,
                Family = source?.AddressFamily ?? AddressFamily.Unknown,
                FamilyFromSource = source is not null,
                LengthCheck = CheckOutcome.Fail,
                Reason = badAddresses ? AdvertDropReason.BadIpHeader : AdvertDropReason.TooShort,
                ChecksumCheck = CheckOutcome.NotApplicable,
            };
        }

        int version = message[0] >> 4;
        int type = message[0] & 0x0F;
        int count = message[3];
        bool v2 = version == 2;
        bool v3 = version == 3;

        int addressSize = familyFromSource ? sourceSize
            : v3 && count > 0 && message.Length == AdvertisementCodec.HeaderLength + (16 * count) ? 16 : 4;
        AddressFamily family = addressSize == 16 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

        int expected = AdvertisementCodec.ExpectedLength(version, count, addressSize);
        CheckOutcome length = expected < 0 ? CheckOutcome.Unknown
            : message.Length == expected ? CheckOutcome.Pass : CheckOutcome.Fail;
        CheckOutcome versionCheck = (v2 && addressSize == 4) || v3 ? CheckOutcome.Pass : CheckOutcome.Fail;
        if (versionCheck == CheckOutcome.Pass && expectations is { } ev && (int)ev.Version != version)
        {
            versionCheck = CheckOutcome.Fail;
        }

        var addresses = ImmutableArray.CreateBuilder<IPAddress>();
        for (int i = 0; i < count && AdvertisementCodec.HeaderLength + ((i + 1) * addressSize) <= message.Length; i++)
        {
            addresses.Add(new IPAddress(message.Slice(AdvertisementCodec.HeaderLength + (i * addressSize), addressSize)));
        }

        int authOffset = AdvertisementCodec.HeaderLength + (count * 4);
        bool hasAuthData = v2 && message.Length >= authOffset + AdvertisementCodec.AuthDataLength;
        ReadOnlySpan<byte> authData = hasAuthData ? message.Slice(authOffset, AdvertisementCodec.AuthDataLength) : default;

        CheckOutcome authType = CheckOutcome.NotApplicable, authPass = CheckOutcome.NotApplicable, intervalMatch = CheckOutcome.NotApplicable;
        if (v2 && expectations is { } exp)
        {
            authType = message[4] == (byte)exp.AuthType ? CheckOutcome.Pass : CheckOutcome.Fail;
            if (exp.AuthType == AuthType.SimpleText)
            {
                authPass = !hasAuthData ? CheckOutcome.Unknown
                    : AdvertisementCodec.PasswordMatches(authData, exp.AuthPassword) ? CheckOutcome.Pass : CheckOutcome.Fail;
            }

            intervalMatch = message[5] * 1_000_000L == exp.AdvertInterval.Microseconds ? CheckOutcome.Pass : CheckOutcome.Fail;
        }

        CheckOutcome typeCheck = type == AdvertisementCodec.AdvertisementType ? CheckOutcome.Pass : CheckOutcome.Fail;

        CheckOutcome sumV2 = CheckOutcome.NotApplicable, sumPseudo = CheckOutcome.NotApplicable, sumPlain = CheckOutcome.NotApplicable;
        if (v2)
        {
            sumV2 = AdvertisementCodec.MessageChecksumOk(message) ? CheckOutcome.Pass : CheckOutcome.Fail;
        }
        else if (v3)
        {
            sumPseudo = !addressesKnown ? CheckOutcome.Unknown
                : AdvertisementCodec.PseudoHeaderChecksumOk(message, source!, destination!) ? CheckOutcome.Pass : CheckOutcome.Fail;
            if (addressSize == 4)
            {
                sumPlain = AdvertisementCodec.MessageChecksumOk(message) ? CheckOutcome.Pass : CheckOutcome.Fail;
            }
        }

        CheckOutcome checksum = !(v2 || v3) ? CheckOutcome.Unknown
            : sumV2 == CheckOutcome.Pass || sumPseudo == CheckOutcome.Pass || sumPlain == CheckOutcome.Pass ? CheckOutcome.Pass
            : sumPseudo == CheckOutcome.Unknown ? CheckOutcome.Unknown
            : CheckOutcome.Fail;
        V3ChecksumForm? form = !v3 || addressSize != 4 ? null
            : sumPseudo == CheckOutcome.Pass ? V3ChecksumForm.PseudoHeader
            : sumPlain == CheckOutcome.Pass ? V3ChecksumForm.MessageOnly
            : null;

        int? intervalField = v2 ? message[5] : v3 ? BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & AdvertisementCodec.MaxV3IntervalCentiseconds : null;
        Duration? interval = intervalField is not { } f ? null : v2 ? Duration.FromSeconds(f) : Duration.FromCentiseconds(f);
        CheckOutcome intervalCheck = intervalField is null ? CheckOutcome.Unknown : intervalField == 0 ? CheckOutcome.Fail : CheckOutcome.Pass;
        CheckOutcome countCheck = !v3 ? CheckOutcome.NotApplicable : count == 0 ? CheckOutcome.Fail : CheckOutcome.Pass;
        CheckOutcome vrid = message[1] == 0 ? CheckOutcome.Fail : CheckOutcome.Pass;

        // The same order as AdvertisementCodec.TryDecode (keepalived's vrrp_check_packet).
        AdvertDropReason reason =
            badAddresses ? AdvertDropReason.BadIpHeader
            : length == CheckOutcome.Fail ? (message.Length < expected ? AdvertDropReason.TooShort : AdvertDropReason.LengthMismatch)
            : versionCheck == CheckOutcome.Fail ? AdvertDropReason.BadVersion
            : authType == CheckOutcome.Fail ? AdvertDropReason.AuthTypeMismatch
            : authPass == CheckOutcome.Fail ? AdvertDropReason.AuthFailure
            : intervalMatch == CheckOutcome.Fail ? AdvertDropReason.IntervalMismatch
            : typeCheck == CheckOutcome.Fail ? AdvertDropReason.BadType
            : checksum == CheckOutcome.Fail ? AdvertDropReason.BadChecksum
            : intervalCheck == CheckOutcome.Fail ? AdvertDropReason.ZeroInterval
            : countCheck == CheckOutcome.Fail ? AdvertDropReason.NoAddresses
            : vrid == CheckOutcome.Fail ? AdvertDropReason.InvalidVrid
            : AdvertDropReason.None;
        return new AdvertisementInspection
        {
            Length = message.Length,
            ExpectedLength = expected < 0 ? null : expected,
            Family = family,
            FamilyFromSource = familyFromSource,
            Version = (byte)version,
            Type = (byte)type,
            VirtualRouterId = message[1],
            Priority = message[2],
            Count = (byte)count,
            AuthTypeField = v2 ? message[4] : null,
            IntervalField = intervalField,
            Interval = interval,
            Reserved = v3 ? (byte)(message[4] >> 4) : null,
            ChecksumField = BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            Addresses = addresses.ToImmutable(),
            AuthData = hasAuthData && message[4] == (byte)AuthType.SimpleText ? AdvertisementCodec.ReadPassword(authData) : null,
            LengthCheck = length,
            VersionCheck = versionCheck,
            AuthTypeCheck = authType,
            AuthDataCheck = authPass,
            IntervalMatchCheck = intervalMatch,
            TypeCheck = typeCheck,
            ChecksumV2 = sumV2,
            ChecksumV3PseudoHeader = sumPseudo,
            ChecksumV3MessageOnly = sumPlain,
            ChecksumCheck = checksum,
            VerifiedV3Form = form,
            IntervalCheck = intervalCheck,
            CountCheck = countCheck,
            VridCheck = vrid,
            Reason = reason,
            Advertisement = reason == AdvertDropReason.None ? AdvertisementCodec.Build(message, addressSize) : null,
        };
    }
}
