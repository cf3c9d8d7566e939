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
public sealed class DecodeCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "decode";

    /// <inheritdoc/>
    public string Summary => "decode VRRP packets with every validation verdict";

    /// <inheritdoc/>
    public string Help => """
        usage: vrrplab decode HEX [--src IP] [--dst IP] [RECEIVER] [--format text|json]
               vrrplab decode --pcap FILE [RECEIVER] [--format text|json]

        Decodes VRRP packets and prints a tcpdump-like line and every validation verdict, in
        keepalived's order: IP header, TTL (multicast only), length, version, type, checksum
        (v2; v3 with the pseudo-header and as RFC 9568), interval, count, VRID.

          HEX            a VRRP message, a whole IPv4/IPv6 packet carrying protocol 112 (detected
                         by its first byte), or an Ethernet frame around one; spaces, colons, dashes and 0x allowed,
                         and several arguments are joined into one message
          --src IP       source address for a bare VRRP message (v3 checksums cover it; without it
                         the pseudo-header checksum is reported as unknown)
          --dst IP       destination for a bare message (default 224.0.0.18, or ff02::12 with an
                         IPv6 --src); ignored for whole IP packets, which carry their own
          --pcap FILE    decode every VRRP packet of a capture (pcap or pcapng; Ethernet, Linux
                         cooked SLL/SLL2, raw IP or loopback link types), with timestamps
          --format F     text (default) or json (one JSON document)

        Judge a packet against a receiver's configuration ("would my keepalived accept it?"):
          --vrrp-version 2|3   the receiver's VRRP version
          --auth-pass PASS     the receiver uses auth_type PASS with this auth_pass
          --no-auth            the receiver uses no authentication
          --advert-int N       the receiver's v2 advert_int in seconds (v2 drops other intervals)

        Exit codes: 0 every packet valid (a check that needs --src may stay unknown), 1 a verdict
        failed, 2 bad hex, bad option or an unreadable capture.

        Example: vrrplab decode 210764010001b8f4c00002010000000000000000
        """;

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = new ArgReader(args, ["--src", "--dst", "--pcap", "--format", "--vrrp-version", "--auth-pass", "--advert-int"], ["--no-auth"]);
        ReceiverOptions receiver = ParseReceiver(options);
        string format = options.Choice("--format", "text", "text", "json");
        string? pcap = options.Value("--pcap");
        if (pcap is null && options.Positionals.Count == 0)
        {
            throw new UsageException("give HEX (a VRRP message or IP packet) or --pcap FILE");
        }

        if (pcap is not null && options.Positionals.Count > 0)
        {
            throw new UsageException($"give either HEX or --pcap FILE, not both (unexpected '{options.Positionals[0]}')");
        }

        var packets = new List<DecodedPacket>();
        int skipped = 0;
        if (pcap is not null)
        {
            if (options.Value("--src") is not null || options.Value("--dst") is not null)
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
            IPAddress? source = ParseAddress(options, "--src");
            IPAddress? destination = ParseAddress(options, "--dst");
            if (source is not null && destination is not null && source.AddressFamily != destination.AddressFamily)
            {
                throw new UsageException($"--src {source} and --dst {destination} must both be IPv4 or both IPv6");
            }

            destination ??= source?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? VrrpWire.MulticastGroupV6
                : VrrpWire.MulticastGroupV4;
            // Several HEX arguments are one message split by the shell: `vrrplab decode 21 07 64 01 ...`.
            string hex = string.Join(' ', options.Positionals);
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

        if (format == "json")
        {
            DecodeReport.WriteJson(stdout, packets, skipped, pcap);
        }
        else
        {
            // Colour only on a terminal (spec/cli.md), and never with NO_COLOR set.
            bool colour = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            DecodeReport.WriteText(stdout, packets, skipped, pcap, colour);
        }

        return packets.Any(p => p.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static ReceiverOptions ParseReceiver(ArgReader options)
    {
        VrrpVersion? version = options.Value("--vrrp-version") switch
        {
            null => null,
            "2" => VrrpVersion.V2,
            "3" => VrrpVersion.V3,
            string v => throw new UsageException($"option --vrrp-version must be 2 or 3 (got '{v}')"),
        };
        string? password = options.Value("--auth-pass");
        if (password is not null && options.Flag("--no-auth"))
        {
            throw new UsageException("give --auth-pass or --no-auth, not both");
        }

        AuthType? authType = password is not null ? AuthType.SimpleText : options.Flag("--no-auth") ? AuthType.None : null;
        Duration? interval = null;
        if (options.Value("--advert-int") is { } text)
        {
            interval = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds is >= 1 and <= 255
                ? Duration.FromSeconds(seconds)
                : throw new UsageException($"option --advert-int needs whole seconds 1..255, as a VRRPv2 receiver compares them (got '{text}')");
        }

        return new ReceiverOptions(version, authType, password, interval);
    }

    private static IPAddress? ParseAddress(ArgReader options, string name)
    {
        string? value = options.Value(name);
        if (value is null)
        {
            return null;
        }

        return IPAddress.TryParse(value, out IPAddress? address) && address.AddressFamily is System.Net.Sockets.AddressFamily.InterNetwork or System.Net.Sockets.AddressFamily.InterNetworkV6
            ? address
            : throw new UsageException($"option {name} needs an IPv4 or IPv6 address (got '{value}')");
    }
}
