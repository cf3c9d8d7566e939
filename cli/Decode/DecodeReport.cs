using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VrrpLab.Engine.Wire;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli.Decode;

/// <summary>Prints decoded packets: tcpdump-like text for people, or one JSON document.</summary>
public static class DecodeReport
{
    /// <summary>The tcpdump-style summary line, e.g. <c>VRRPv2, Advertisement, vrid 7, prio 100, authtype none, intvl 1s, length 20, addrs: 192.0.2.1</c>.</summary>
    public static string Headline(DecodedPacket p)
    {
        var sb = new StringBuilder();
        if (p.TimestampMicroseconds is { } ts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"#{p.Number} {FormatTimestamp(ts)} ");
        }

        if (p.HasIpHeader && p.Source is not null)
        {
            sb.Append(p.Source.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6 " : "IP ")
              .Append(CultureInfo.InvariantCulture, $"{p.Source} > {p.Destination}: ");
        }

        AdvertisementInspection? i = p.Inspection;
        if (i?.Version is not { } version)
        {
            return sb.Append(i is null ? "VRRP, no message (bad IP header)" : $"VRRP, truncated ({i.Length} bytes)").ToString();
        }

        sb.Append(CultureInfo.InvariantCulture, $"VRRPv{version}, ")
          .Append(i.Type == AdvertisementCodec.AdvertisementType ? "Advertisement" : $"unknown type {i.Type}")
          .Append(CultureInfo.InvariantCulture, $", vrid {i.VirtualRouterId}, prio {i.Priority}");
        if (version == 2)
        {
            sb.Append(", authtype ").Append(PacketDecoder.AuthName(i.AuthTypeField ?? 0))
              .Append(CultureInfo.InvariantCulture, $", intvl {i.IntervalField}s");
        }
        else if (version == 3)
        {
            sb.Append(CultureInfo.InvariantCulture, $", intvl {i.IntervalField}cs");
        }

        sb.Append(CultureInfo.InvariantCulture, $", length {i.Length}");
        if (i.Addresses.Length > 0)
        {
            sb.Append(", addrs").Append(i.Count > 1 ? $"({i.Count})" : "").Append(": ")
              .AppendJoin(',', i.Addresses);
        }

        if (i.AuthData is { } pass)
        {
            sb.Append(" auth \"").Append(pass).Append('"');
        }

        return sb.ToString();
    }

    /// <summary>The result line: valid, valid as far as checked, or why a receiver drops it.</summary>
    public static string Result(DecodedPacket p) =>
        p.Failed ? $"invalid: a receiver drops it ({p.Reason})"
        : p.HasUnknown ? "valid as far as checked (" + string.Join(", ", p.Verdicts.Where(v => v.Decisive && v.Outcome == CheckOutcome.Unknown).Select(v => v.Check + " unknown")) + ")"
        : "valid";

    /// <summary>Writes the text report; <paramref name="colour"/> marks outcomes with ANSI colours (terminals only).</summary>
    public static void WriteText(TextWriter w, IReadOnlyList<DecodedPacket> packets, int skipped, string? inputName, bool colour = false)
    {
        foreach (DecodedPacket p in packets)
        {
            w.WriteLine(Headline(p));
            foreach (Verdict v in p.Verdicts)
            {
                string outcome = v.Outcome switch
                {
                    CheckOutcome.Pass => "pass",
                    CheckOutcome.Fail => v.Decisive ? "FAIL" : "no",
                    CheckOutcome.Unknown => "unknown",
                    _ => v.Decisive ? "n/a" : "info",
                };
                string padded = $"{outcome,-8}";
                w.WriteLine($"  {v.Check,-26} {Paint(padded, v.Decisive ? v.Outcome : CheckOutcome.NotApplicable, colour)} {v.Detail}");
            }

            CheckOutcome overall = p.Failed ? CheckOutcome.Fail : p.HasUnknown ? CheckOutcome.Unknown : CheckOutcome.Pass;
            w.WriteLine($"  => {Paint(Result(p), overall, colour)}");
        }

        if (inputName is not null || packets.Count != 1)
        {
            int invalid = packets.Count(p => p.Failed);
            string skippedText = skipped > 0 ? $", {skipped} other frame(s) skipped" : "";
            w.WriteLine(packets.Count == 0
                ? $"no VRRP packets{(inputName is null ? "" : " in " + inputName)}{skippedText}"
                : $"{packets.Count} VRRP packet(s): {packets.Count - invalid} valid, {invalid} invalid{skippedText}");
        }
    }

    private static string Paint(string text, CheckOutcome outcome, bool colour) => !colour ? text : outcome switch
    {
        CheckOutcome.Pass => "\u001b[32m" + text + "\u001b[0m",
        CheckOutcome.Fail => "\u001b[1;31m" + text + "\u001b[0m",
        CheckOutcome.Unknown => "\u001b[33m" + text + "\u001b[0m",
        _ => text,
    };

    /// <summary>Writes one JSON document.</summary>
    public static void WriteJson(TextWriter w, IReadOnlyList<DecodedPacket> packets, int skipped, string? inputName)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            if (inputName is not null)
            {
                j.WriteString("input", inputName);
            }

            j.WriteStartArray("packets");
            foreach (DecodedPacket p in packets)
            {
                WritePacket(j, p);
            }

            j.WriteEndArray();
            j.WriteStartObject("summary");
            j.WriteNumber("packets", packets.Count);
            j.WriteNumber("valid", packets.Count(p => !p.Failed));
            j.WriteNumber("invalid", packets.Count(p => p.Failed));
            j.WriteNumber("skipped", skipped);
            j.WriteEndObject();
            j.WriteEndObject();
        }

        w.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WritePacket(Utf8JsonWriter j, DecodedPacket p)
    {
        j.WriteStartObject();
        j.WriteNumber("number", p.Number);
        if (p.TimestampMicroseconds is { } ts)
        {
            j.WriteString("timestamp", FormatTimestamp(ts));
            j.WriteNumber("timestampMicroseconds", ts);
        }

        j.WriteString("summary", Headline(p));
        j.WriteBoolean("ipHeader", p.HasIpHeader);
        j.WriteStringOrNull("source", p.Source?.ToString());
        j.WriteStringOrNull("destination", p.Destination?.ToString());
        if (p.Ttl is { } ttl)
        {
            j.WriteNumber("ttl", ttl);
        }

        if (p.Inspection is { Version: not null } i)
        {
            j.WriteStartObject("vrrp");
            j.WriteNumber("length", i.Length);
            j.WriteNumber("version", i.Version.Value);
            j.WriteNumber("type", i.Type ?? 0);
            j.WriteNumber("vrid", i.VirtualRouterId ?? 0);
            j.WriteNumber("priority", i.Priority ?? 0);
            j.WriteNumber("count", i.Count ?? 0);
            if (i.AuthTypeField is { } authType)
            {
                j.WriteNumber("authType", authType);
                j.WriteStringOrNull("authData", i.AuthData);
            }

            if (i.Interval is { } interval)
            {
                j.WriteNumber("intervalField", i.IntervalField ?? 0);
                j.WriteString("interval", interval.ToString());
                j.WriteNumber("intervalMicroseconds", interval.Microseconds);
            }

            j.WriteString("checksum", $"0x{i.ChecksumField:x4}");
            j.WriteStringOrNull("verifiedV3ChecksumForm", i.VerifiedV3Form?.ToString());
            j.WriteStringArray("addresses", i.Addresses.Select(a => a.ToString()));
            j.WriteEndObject();
        }

        j.WriteStartArray("verdicts");
        foreach (Verdict v in p.Verdicts)
        {
            j.WriteStartObject();
            j.WriteString("check", v.Check);
            j.WriteString("outcome", v.Outcome switch
            {
                CheckOutcome.Pass => "pass",
                CheckOutcome.Fail => "fail",
                CheckOutcome.Unknown => "unknown",
                _ => "n/a",
            });
            j.WriteBoolean("decisive", v.Decisive);
            j.WriteString("detail", v.Detail);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteBoolean("valid", !p.Failed && !p.HasUnknown);
        j.WriteBoolean("failed", p.Failed);
        j.WriteString("reason", p.Reason.ToString());
        j.WriteString("result", Result(p));
        j.WriteEndObject();
    }

    private static string FormatTimestamp(long microseconds) =>
        DateTime.UnixEpoch.AddTicks(microseconds * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
