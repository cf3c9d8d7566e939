using System.CommandLine;
using System.Globalization;
using System.Net;
using VrrpLab.Cli.Decode;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab decode HEX...|--pcap FILE</c>: decodes VRRP packets and prints every validation verdict
/// (IP header, TTL, length, version, type, checksum in each v3 form, interval, count, VRID).
/// Exit 0 when every packet is valid, 1 when any verdict fails, 2 for bad hex or an unreadable file.
/// </summary>
public sealed class DecodeCommand() : Verb(
    "decode",
    "decode VRRP packets with every validation verdict",
    usage: """
        usage: vrrplab decode HEX [--src IP] [--dst IP] [RECEIVER] [--format text|json]
               vrrplab decode --pcap FILE [RECEIVER] [--format text|json]
        """,
    about: """
        Decodes VRRP packets and prints a tcpdump-like line and every validation verdict, in
        keepalived's order: IP header, TTL (multicast only), length, version, type, checksum
        (v2; v3 with the pseudo-header and as RFC 9568), interval, count, VRID.
        """,
    epilogue: """
        Exit codes: 0 every packet valid (a check that needs --src may stay unknown), 1 a verdict
        failed, 2 bad hex, bad option or an unreadable capture.

        Example: vrrplab decode 210764010001b8f4c00002010000000000000000
        """)
{
    private Argument<string[]> _hex = null!;
    private Option<string> _src = null!;
    private Option<string> _dst = null!;
    private Option<string> _pcap = null!;
    private Option<string> _version = null!;
    private Option<string> _authPass = null!;
    private Option<bool> _noAuth = null!;
    private Option<string> _advertInt = null!;

    /// <inheritdoc/>
    protected override void Define()
    {
        _hex = Positionals("HEX", "a VRRP message, a whole IPv4/IPv6 packet carrying protocol 112 (detected\n"
            + "by its first byte), or an Ethernet frame around one; spaces, colons, dashes and 0x allowed,\n"
            + "and several arguments are joined into one message");
        _src = Value("--src", "IP", "source address for a bare VRRP message (v3 checksums cover it; without it\nthe pseudo-header checksum is reported as unknown)");
        _dst = Value("--dst", "IP", "destination for a bare message (default 224.0.0.18, or ff02::12 with an\nIPv6 --src); ignored for whole IP packets, which carry their own");
        _pcap = Value("--pcap", "FILE", "decode every VRRP packet of a capture (pcap or pcapng; Ethernet, Linux\ncooked SLL/SLL2, raw IP or loopback link types), with timestamps");
        Format("text (default) or json (one JSON document)");
        Heading("Judge a packet against a receiver's configuration (\"would my keepalived accept it?\"):");
        _version = Choice("--vrrp-version", "2|3", "the receiver's VRRP version", () => null, "2", "3");
        _authPass = Value("--auth-pass", "PASS", "the receiver uses auth_type PASS with this auth_pass");
        _noAuth = Flag("--no-auth", "the receiver uses no authentication");
        _advertInt = Value("--advert-int", "N", "the receiver's v2 advert_int in seconds (v2 drops other intervals)");
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stdout = parsed.Stdout;
        TextWriter stderr = parsed.Stderr;
        ReceiverOptions receiver = ParseReceiver(parsed);
        bool json = Json(parsed);
        string? pcap = parsed.Value(_pcap);
        List<string> hexWords = parsed.Positionals(_hex);
        if (pcap is null && hexWords.Count == 0)
        {
            throw new UsageException("give HEX (a VRRP message or IP packet) or --pcap FILE");
        }

        if (pcap is not null && hexWords.Count > 0)
        {
            throw new UsageException($"give either HEX or --pcap FILE, not both (unexpected '{hexWords[0]}')");
        }

        var packets = new List<DecodedPacket>();
        int skipped = 0;
        if (pcap is not null)
        {
            if (parsed.Value(_src) is not null || parsed.Value(_dst) is not null)
            {
                throw new UsageException("--src/--dst apply to bare HEX messages; captured packets carry their own addresses");
            }

            byte[] data;
            try
            {
                data = File.ReadAllBytes(pcap);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                stderr.WriteLine($"vrrplab decode: {pcap}: cannot read: {e.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                foreach (CapturedFrame frame in CaptureFile.Read(data, pcap))
                {
                    if (!LinkLayer.TryFindIp(frame.LinkType, frame.Data, out int offset, out _)
                        || !PacketDecoder.IsVrrpIpPacket(frame.Data.AsSpan(offset)))
                    {
                        skipped++;
                        continue;
                    }

                    packets.Add(PacketDecoder.FromIpPacket(frame.Number, frame.TimestampMicroseconds, frame.Data.AsSpan(offset), frame.OriginalLength - offset, receiver));
                }
            }
            catch (CaptureFormatException e)
            {
                stderr.WriteLine($"vrrplab decode: {e.Message}");
                return ExitCodes.Usage;
            }
        }
        else
        {
            IPAddress? source = ParseAddress(parsed, _src);
            IPAddress? destination = ParseAddress(parsed, _dst);
            if (source is not null && destination is not null && source.AddressFamily != destination.AddressFamily)
            {
                throw new UsageException($"--src {source} and --dst {destination} must both be IPv4 or both IPv6");
            }

            destination ??= VrrpWire.MulticastGroupFor(source?.AddressFamily ?? System.Net.Sockets.AddressFamily.InterNetwork);
            // Several HEX arguments are one message split by the shell: `vrrplab decode 21 07 64 01 ...`.
            string hex = string.Join(' ', hexWords);
            if (!HexInput.TryParse(hex, out byte[] bytes, out string error))
            {
                stderr.WriteLine($"vrrplab decode: HEX: {error}");
                return ExitCodes.Usage;
            }

            // A whole Ethernet frame (Wireshark's "copy as hex stream") is unwrapped to its IP packet.
            int offset = 0;
            bool isIp = PacketDecoder.IsVrrpIpPacket(bytes)
                || (LinkLayer.TryFindIp(LinkLayer.Ethernet, bytes, out offset, out _) && PacketDecoder.IsVrrpIpPacket(bytes.AsSpan(offset)));
            packets.Add(isIp
                ? PacketDecoder.FromIpPacket(1, null, bytes.AsSpan(offset), bytes.Length - offset, receiver)
                : PacketDecoder.FromMessage(1, bytes, source, destination, receiver));
        }

        if (json)
        {
            DecodeReport.WriteJson(stdout, packets, skipped, pcap);
        }
        else
        {
            DecodeReport.WriteText(stdout, packets, skipped, pcap, parsed.Colour);
        }

        return packets.Any(p => p.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private ReceiverOptions ParseReceiver(Invocation parsed)
    {
        VrrpVersion? version = parsed.Value(_version) switch
        {
            null => null,
            "3" => VrrpVersion.V3,
            _ => VrrpVersion.V2,
        };
        string? password = parsed.Value(_authPass);
        if (password is not null && parsed.Flag(_noAuth))
        {
            throw new UsageException("give --auth-pass or --no-auth, not both");
        }

        AuthType? authType = password is not null ? AuthType.SimpleText : parsed.Flag(_noAuth) ? AuthType.None : null;
        Duration? interval = null;
        if (parsed.Value(_advertInt) is { } text)
        {
            interval = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds is >= 1 and <= 255
                ? Duration.FromSeconds(seconds)
                : throw new UsageException($"option --advert-int needs whole seconds 1..255, as a VRRPv2 receiver compares them (got '{text}')");
        }

        return new ReceiverOptions(version, authType, password, interval);
    }

    private static IPAddress? ParseAddress(Invocation parsed, Option<string> option)
    {
        string name = option.Name;
        string? value = parsed.Value(option);
        if (value is null)
        {
            return null;
        }

        return IPAddress.TryParse(value, out IPAddress? address) && address.AddressFamily is System.Net.Sockets.AddressFamily.InterNetwork or System.Net.Sockets.AddressFamily.InterNetworkV6
            ? address
            : throw new UsageException($"option {name} needs an IPv4 or IPv6 address (got '{value}')");
    }
}
