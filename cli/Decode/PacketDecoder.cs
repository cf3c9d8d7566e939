using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Cli.Decode;

/// <summary>Turns bytes (a whole IP packet or a bare VRRP message) into a <see cref="DecodedPacket"/> with every verdict.</summary>
public static class PacketDecoder
{
    private const byte Vrrp = Ipv4Header.VrrpProtocol;

    /// <summary>True when <paramref name="data"/> starts with an IPv4 header carrying protocol 112, or an IPv6 header with next header 112.</summary>
    public static bool IsVrrpIpPacket(ReadOnlySpan<byte> data) =>
        (data.Length >= Ipv4Header.MinimumLength && data[0] >> 4 == 4 && data[9] == Vrrp)
        || (data.Length >= Ipv6Header.Length && data[0] >> 4 == 6 && data[6] == Vrrp);

    /// <summary>Decodes a whole IPv4 or IPv6 packet (see <see cref="IsVrrpIpPacket"/>).</summary>
    /// <param name="number">Position in the input.</param>
    /// <param name="timestampMicroseconds">Capture time, if any.</param>
    /// <param name="packet">The IP packet as captured.</param>
    /// <param name="originalLength">The packet's length on the wire (more than the captured bytes when the capture was cut).</param>
    /// <param name="receiver">The receiver's configuration to judge auth, version and v2 interval against, if any.</param>
    public static DecodedPacket FromIpPacket(int number, long? timestampMicroseconds, ReadOnlySpan<byte> packet, int originalLength, ReceiverOptions? receiver = null)
    {
        var verdicts = ImmutableArray.CreateBuilder<Verdict>();
        string cut = originalLength > packet.Length
            ? string.Create(CultureInfo.InvariantCulture, $"; capture cut at {packet.Length} of {originalLength} bytes")
            : "";
        if (packet.Length > 0 && packet[0] >> 4 == 6)
        {
            if (!Ipv6Header.TryParse(packet, out Ipv6Header h6))
            {
                verdicts.Add(new Verdict("ip-header", CheckOutcome.Fail, $"malformed or truncated IPv6 header ({packet.Length} bytes{cut})"));
                return new DecodedPacket(number, timestampMicroseconds, null, null, true, null, null, verdicts.ToImmutable(), AdvertDropReason.BadIpHeader);
            }

            verdicts.Add(new Verdict("ip-header", CheckOutcome.Pass, $"IPv6, payload {h6.PayloadLength} bytes"));
            return Finish(number, timestampMicroseconds, h6.Payload(packet), h6.Source, h6.Destination, h6.HopLimit, verdicts, receiver);
        }

        if (!Ipv4Header.TryParse(packet, out Ipv4Header h4, out _))
        {
            verdicts.Add(new Verdict("ip-header", CheckOutcome.Fail, $"malformed or truncated IPv4 header ({packet.Length} bytes{cut})"));
            return new DecodedPacket(number, timestampMicroseconds, null, null, true, null, null, verdicts.ToImmutable(), AdvertDropReason.BadIpHeader);
        }

        verdicts.Add(!h4.HeaderChecksumValid
            ? new Verdict("ip-header", CheckOutcome.Fail, $"IPv4 header checksum does not verify (the kernel drops it){cut}")
            : h4.IsFragment
                ? new Verdict("ip-header", CheckOutcome.Unknown, $"IPv4 fragment: decoded as captured{cut}")
                : new Verdict("ip-header", CheckOutcome.Pass, $"IPv4, header {h4.HeaderLength} bytes, total {h4.TotalLength}{cut}"));
        return Finish(number, timestampMicroseconds, h4.Payload(packet), h4.Source, h4.Destination, h4.Ttl, verdicts, receiver);
    }

    /// <summary>Decodes a bare VRRP message; <paramref name="source"/> and <paramref name="destination"/> come from --src/--dst.</summary>
    public static DecodedPacket FromMessage(int number, ReadOnlySpan<byte> message, IPAddress? source, IPAddress? destination, ReceiverOptions? receiver = null) =>
        Finish(number, null, message, source, destination, null, ImmutableArray.CreateBuilder<Verdict>(), receiver);

    private static DecodedPacket Finish(
        int number,
        long? timestamp,
        ReadOnlySpan<byte> message,
        IPAddress? source,
        IPAddress? destination,
        int? ttl,
        ImmutableArray<Verdict>.Builder verdicts,
        ReceiverOptions? receiver)
    {
        bool hasIp = ttl is not null;
        bool ipOk = !verdicts.Any(v => v.Outcome == CheckOutcome.Fail);
        AdvertisementInspection i = AdvertisementCodec.Inspect(message, source, destination);
        if (receiver?.For(i) is { } expectations)
        {
            i = AdvertisementCodec.Inspect(message, source, destination, expectations);
        }

        verdicts.Add(new Verdict("length", i.LengthCheck, LengthDetail(i)));

        // keepalived checks the TTL right after the length, and only for multicast (not with unicast peers).
        CheckOutcome ttlOutcome = CheckOutcome.NotApplicable;
        if (ttl is { } t)
        {
            bool multicast = destination is not null && (destination.IsIPv6Multicast || (destination.AddressFamily == AddressFamily.InterNetwork && (destination.GetAddressBytes()[0] & 0xF0) == 0xE0));
            ttlOutcome = t == 255 ? CheckOutcome.Pass : multicast ? CheckOutcome.Fail : CheckOutcome.NotApplicable;
            string detail = ttlOutcome switch
            {
                CheckOutcome.Pass => "255",
                CheckOutcome.Fail => $"{t}, must be 255 (RFC 3768 section 7.1: possibly from off-link)",
                _ => $"{t} (not checked for unicast: keepalived checks the TTL of multicast adverts only)",
            };
            verdicts.Add(new Verdict(destination?.AddressFamily == AddressFamily.InterNetworkV6 ? "hop-limit" : "ttl", ttlOutcome, detail, ttlOutcome != CheckOutcome.NotApplicable));
        }

        if (i.Version is not { } version)
        {
            return Result(i.Reason);
        }

        verdicts.Add(new Verdict("version", i.VersionCheck, i.VersionCheck == CheckOutcome.Pass ? $"{version}"
            : version is 2 or 3 && receiver?.Version is { } wanted && (int)wanted != version ? $"{version}, the receiver runs VRRPv{(int)wanted}"
            : version == 2 ? "2 over IPv6 (VRRPv2 is IPv4 only, RFC 3768)"
            : $"{version}, must be 2 or 3"));
        if (i.AuthTypeField is { } authType)
        {
            string auth = $"type {authType} ({AuthName(authType)})" + (i.AuthData is { } pass ? $", password \"{pass}\"" : "");
            if (i.AuthTypeCheck == CheckOutcome.NotApplicable)
            {
                verdicts.Add(new Verdict("auth", CheckOutcome.NotApplicable, auth + " (give --auth-pass or --no-auth to judge it)", Decisive: false));
            }
            else
            {
                // keepalived: "received a packet with invalid auth type" / "bad password" / "advertisement interval mismatch".
                verdicts.Add(new Verdict("auth-type", i.AuthTypeCheck, i.AuthTypeCheck == CheckOutcome.Pass
                    ? $"{authType} ({AuthName(authType)})"
                    : $"{authType} ({AuthName(authType)}), the receiver uses {AuthName((byte)(receiver!.AuthType ?? 0))}"));
                if (i.AuthDataCheck != CheckOutcome.NotApplicable)
                {
                    verdicts.Add(new Verdict("auth-pass", i.AuthDataCheck, i.AuthDataCheck == CheckOutcome.Pass
                        ? $"\"{i.AuthData}\" matches"
                        : $"\"{i.AuthData}\" is not the receiver's password \"{receiver!.Password}\""));
                }

                verdicts.Add(new Verdict("interval-match", i.IntervalMatchCheck, i.IntervalMatchCheck == CheckOutcome.Pass
                    ? $"{i.Interval}"
                    : $"{i.Interval}, the receiver's advert_int is {receiver!.AdvertInterval} (keepalived: advertisement interval mismatch)"));
            }
        }

        verdicts.Add(new Verdict("type", i.TypeCheck, i.TypeCheck == CheckOutcome.Pass ? "1 (advertisement)" : $"{i.Type}, must be 1 (advertisement)"));
        string sum = $"0x{i.ChecksumField:x4}";
        if (version == 2)
        {
            verdicts.Add(new Verdict("checksum", i.ChecksumV2, $"{sum} {(i.ChecksumV2 == CheckOutcome.Pass ? "verifies" : "does not verify")} (v2: over the message, RFC 3768 section 5.3.8)"));
        }
        else if (version == 3)
        {
            bool ipv4 = i.Family == AddressFamily.InterNetwork;
            string pseudo = ipv4 ? "IPv4 pseudo-header (RFC 5798 as deployed, keepalived's default)" : "IPv6 pseudo-header (RFC 5798 section 5.2.8)";
            string overall = i.ChecksumCheck switch
            {
                CheckOutcome.Pass when i.ChecksumV3PseudoHeader == CheckOutcome.Pass => $"{sum} verifies with the {pseudo}",
                CheckOutcome.Pass => $"{sum} verifies without pseudo-header (RFC 9568)",
                CheckOutcome.Unknown => $"{sum} unknown (needs --src): " + (ipv4 ? "not RFC 9568 form; the pseudo-header form needs the source address" : "the IPv6 pseudo-header needs the source address"),
                _ => ipv4 ? $"{sum} verifies in neither form" : $"{sum} does not verify with the {pseudo}",
            };
            verdicts.Add(new Verdict("checksum", i.ChecksumCheck, overall));
            verdicts.Add(new Verdict("checksum-v3-pseudo-header", i.ChecksumV3PseudoHeader, Form(i.ChecksumV3PseudoHeader, pseudo), Decisive: false));
            if (ipv4)
            {
                verdicts.Add(new Verdict("checksum-v3-rfc9568", i.ChecksumV3MessageOnly, Form(i.ChecksumV3MessageOnly, "message only (RFC 9568)"), Decisive: false));
            }
        }

        if (i.Interval is { } interval)
        {
            string shown = version == 3 ? $"{i.IntervalField}cs ({interval})" : $"{interval}";
            verdicts.Add(new Verdict("interval", i.IntervalCheck, i.IntervalCheck == CheckOutcome.Pass ? shown : $"{shown}: an interval of 0 is invalid"));
        }

        if (i.CountCheck != CheckOutcome.NotApplicable)
        {
            verdicts.Add(new Verdict("count", i.CountCheck, i.CountCheck == CheckOutcome.Pass ? $"{i.Count}" : "0: a v3 advert carries at least one address"));
        }

        verdicts.Add(new Verdict("vrid", i.VridCheck, i.VridCheck == CheckOutcome.Pass ? $"{i.VirtualRouterId}" : "0: VRIDs are 1..255"));
        return Result(i.Reason);

        DecodedPacket Result(AdvertDropReason inspected)
        {
            AdvertDropReason reason = !ipOk ? AdvertDropReason.BadIpHeader
                : inspected is AdvertDropReason.TooShort or AdvertDropReason.LengthMismatch ? inspected
                : ttlOutcome == CheckOutcome.Fail ? AdvertDropReason.BadTtl
                : inspected;
            return new DecodedPacket(number, timestamp, source, destination, hasIp, ttl, i, verdicts.ToImmutable(), reason);
        }
    }

    private static string Form(CheckOutcome outcome, string form) => outcome switch
    {
        CheckOutcome.Pass => "verifies: " + form,
        CheckOutcome.Fail => "does not verify: " + form,
        CheckOutcome.Unknown => "unknown (needs --src): " + form,
        _ => form,
    };

    private static string LengthDetail(AdvertisementInspection i)
    {
        if (i.Version is null)
        {
            return $"{i.Length} bytes, shorter than the 8-byte header";
        }

        int size = i.Family == AddressFamily.InterNetworkV6 ? 16 : 4;
        string layout = i.Version == 2
            ? $"8 header + {i.Count} x 4 addresses + 8 auth data"
            : $"8 header + {i.Count} x {size} addresses";
        return i.LengthCheck switch
        {
            CheckOutcome.Pass => $"{i.Length} bytes = {layout}",
            CheckOutcome.Fail => $"{i.Length} bytes, the header announces {i.ExpectedLength} ({layout})",
            _ => $"{i.Length} bytes (unknown version: layout unknown)",
        };
    }

    /// <summary>tcpdump's name for a v2 auth type.</summary>
    public static string AuthName(byte authType) => authType switch
    {
        (byte)AuthType.None => "none",
        (byte)AuthType.SimpleText => "simple",
        (byte)AuthType.IpAh => "ah",
        _ => $"unknown {authType}",
    };
}
