using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Lab.Host;

namespace VrrpLab.Lab.Observing;

/// <summary>A state change a daemon logged: <c>(VI_1) Entering MASTER STATE</c> (keepalived's wording, which vrrplab keeps).</summary>
public readonly record struct StateLine(string Instance, VrrpState State);

/// <summary>An address appeared on or left an interface (<c>ip -o -ts monitor address</c>).</summary>
public readonly record struct AddressLine(long UnixUs, string Interface, IPAddress Address, bool Added);

/// <summary>A neighbour entry changed (<c>ip -ts monitor neigh</c>): its MAC, if any, and its NUD state.</summary>
public readonly record struct NeighbourLine(long UnixUs, IPAddress Address, string? Mac, string State, bool Deleted);

/// <summary>A VRRP advertisement seen on a bridge (<c>tcpdump -tt</c>, the kernel's receive stamp).</summary>
public readonly record struct WireAdvert(long UnixUs, IPAddress Source, byte Vrid, byte Priority);

/// <summary>
/// A multicast listener report on a bridge that joins the VRRP group (IGMPv3 <c>to_ex</c> of 224.0.0.18 or
/// MLDv2 <c>to_ex</c> of ff02::12; the capture filter selects exactly these): a daemon opened its VRRP socket.
/// </summary>
public readonly record struct WireJoin(long UnixUs, IPAddress Source);

/// <summary>Any datagram to the VRRP group seen on a bridge (kernel stamp, source), well-formed or not.</summary>
public readonly record struct WirePacket(long UnixUs, IPAddress Source);

/// <summary>An ICMP echo request or reply on the client's interface.</summary>
public readonly record struct EchoPacket(long UnixUs, IPAddress Source, IPAddress Destination, bool Reply, int Sequence);

/// <summary>The parsers of every line the lab reads from its tools and daemons.</summary>
public static partial class LineParsers
{
    /// <summary>A daemon's state line, or null.</summary>
    public static StateLine? State(string line)
    {
        Match m = StatePattern().Match(line);
        if (!m.Success)
        {
            return null;
        }

        VrrpState s = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "MASTER" => VrrpState.Master,
            "BACKUP" => VrrpState.Backup,
            _ => VrrpState.Fault,
        };
        return new StateLine(m.Groups[1].Value, s);
    }

    /// <summary>True for a daemon line saying it sent priority 0 (<c>(VI_1) sent 0 priority</c>).</summary>
    public static bool SentPriorityZero(string line, out string instance)
    {
        Match m = PriorityZeroPattern().Match(line);
        instance = m.Success ? m.Groups[1].Value : "";
        return m.Success;
    }

    /// <summary>An address event, or null.</summary>
    public static AddressLine? Address(string line)
    {
        Match m = AddressPattern().Match(line);
        if (!m.Success || !LabClock.TryParseIsoLocal(m.Groups[1].Value, out long us) || !IPAddress.TryParse(m.Groups[4].Value, out IPAddress? ip))
        {
            return null;
        }

        return new AddressLine(us, m.Groups[3].Value, ip, m.Groups[2].Length == 0);
    }

    /// <summary>A neighbour event, or null.</summary>
    public static NeighbourLine? Neighbour(string line)
    {
        Match m = NeighbourPattern().Match(line);
        if (!m.Success || !LabClock.TryParseIsoLocal(m.Groups[1].Value, out long us) || !IPAddress.TryParse(m.Groups[3].Value, out IPAddress? ip))
        {
            return null;
        }

        string? mac = m.Groups[4].Success ? m.Groups[4].Value.ToLowerInvariant() : null;
        string rest = m.Groups[5].Value.Trim();
        string state = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return new NeighbourLine(us, ip, mac, state, m.Groups[2].Value.StartsWith("Deleted", StringComparison.Ordinal));
    }

    /// <summary>The Unix µs of a ping reply (<c>ping -D</c>), or null.</summary>
    public static long? PingReply(string line)
    {
        Match m = PingPattern().Match(line);
        return m.Success && LabClock.TryParseUnix(m.Groups[1].Value, out long us) ? us : null;
    }

    /// <summary>An echo reply seen by tcpdump on the client's interface (kernel stamp, source), or null.</summary>
    public static (long UnixUs, IPAddress Source)? EchoReply(string line) =>
        Echo(line) is { Reply: true } e ? (e.UnixUs, e.Source) : null;

    /// <summary>An echo request or reply seen by tcpdump (kernel stamp, source, destination, reply or not, sequence number), or null.</summary>
    public static EchoPacket? Echo(string line) =>
        Stamped(EchoPattern(), line) is { } x && IPAddress.TryParse(x.Match.Groups[3].Value, out IPAddress? dst)
            ? new EchoPacket(x.UnixUs, x.Source, dst, x.Match.Groups[4].Value == "reply", int.Parse(x.Match.Groups[5].Value, CultureInfo.InvariantCulture))
            : null;

    /// <summary>A VRRP advertisement line of tcpdump, or null.</summary>
    public static WireAdvert? Advert(string line) =>
        Stamped(WirePattern(), line) is { } x
            ? new WireAdvert(x.UnixUs, x.Source, byte.Parse(x.Match.Groups[3].Value, CultureInfo.InvariantCulture), byte.Parse(x.Match.Groups[4].Value, CultureInfo.InvariantCulture))
            : null;

    /// <summary>
    /// The bridge capture's filter: VRRP (IP protocol 112) and the reports that join its group: IGMPv3
    /// (type 0x22) whose first record is CHANGE_TO_EXCLUDE (4) of 224.0.0.18, MLDv2 (143, behind the
    /// hop-by-hop router-alert header) whose first record is CHANGE_TO_EXCLUDE of ff02::12.
    /// </summary>
    public const string CaptureFilter = "ip proto 112 or ip6 proto 112"
        + " or (igmp and igmp[0] == 0x22 and igmp[8] == 4 and igmp[12:4] == 0xe0000012)"
        + " or (ip6[6] == 0 and ip6[40] == 58 and ip6[48] == 143 and ip6[56] == 4"
        + " and ip6[60:4] == 0xff020000 and ip6[64:4] == 0 and ip6[68:4] == 0 and ip6[72:4] == 0x12)";

    /// <summary>A report joining the VRRP group (a line of the capture with <see cref="CaptureFilter"/>), or null.</summary>
    public static WireJoin? Join(string line) =>
        Stamped(JoinPattern(), line) is { } x ? new WireJoin(x.UnixUs, x.Source) : null;

    /// <summary>Any datagram to 224.0.0.18 or ff02::12 (a flood's garbage included), or null.</summary>
    public static WirePacket? Vrrp(string line) =>
        Stamped(VrrpPacketPattern(), line) is { } x ? new WirePacket(x.UnixUs, x.Source) : null;

    /// <summary>
    /// A tcpdump <c>-tt</c> line that <paramref name="pattern"/> matches, its group 1 the kernel's Unix
    /// stamp and its group 2 the packet's source address (both parsed), or null.
    /// </summary>
    private static (Match Match, long UnixUs, IPAddress Source)? Stamped(Regex pattern, string line)
    {
        Match m = pattern.Match(line);
        return m.Success && LabClock.TryParseUnix(m.Groups[1].Value, out long us) && IPAddress.TryParse(m.Groups[2].Value, out IPAddress? src)
            ? (m, us, src)
            : null;
    }

    [GeneratedRegex(@"^(\d+\.\d+) IP6? ([0-9a-fA-F.:]+) > (?:224\.0\.0\.22|ff02::16): (?:HBH )?(?:igmp v3 report|ICMP6, multicast listener report v2)")]
    private static partial Regex JoinPattern();

    [GeneratedRegex(@"^(\d+\.\d+) IP6? ([0-9a-fA-F.:]+) > (?:224\.0\.0\.18|ff02::12): ")]
    private static partial Regex VrrpPacketPattern();

    [GeneratedRegex(@"\(([^)\s]+)\) [Ee]ntering (MASTER|BACKUP|FAULT) (?i:state)")]
    private static partial Regex StatePattern();

    [GeneratedRegex(@"\(([^)\s]+)\) sent 0 priority")]
    private static partial Regex PriorityZeroPattern();

    [GeneratedRegex(@"^\[([0-9T:.\-]+)\]\s+(Deleted\s+)?\d+:\s+(\S+)\s+inet6?\s+([0-9a-fA-F.:]+)/\d+")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^\[([0-9T:.\-]+)\]\s+(Deleted\s+|miss\s+)?([0-9a-fA-F.:]+)\s+dev\s+\S+(?:\s+lladdr\s+([0-9a-fA-F:]{17}))?(.*)$")]
    private static partial Regex NeighbourPattern();

    [GeneratedRegex(@"^\[(\d+\.\d+)\] \d+ bytes from")]
    private static partial Regex PingPattern();

    [GeneratedRegex(@"^(\d+\.\d+) IP6? ([0-9a-fA-F.:]+) > ([0-9a-fA-F.:]+?):? ICMP6?,? echo (request|reply), id \d+, seq (\d+)")]
    private static partial Regex EchoPattern();

    [GeneratedRegex(@"^(\d+\.\d+) IP6? ([0-9a-fA-F.:]+) > \S+ VRRPv\d, Advertisement, vrid (\d+), prio (\d+)")]
    private static partial Regex WirePattern();
}
