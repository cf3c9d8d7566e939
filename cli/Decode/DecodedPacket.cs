using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Cli.Decode;

/// <summary>One packet as <c>vrrplab decode</c> reports it.</summary>
/// <param name="Number">1-based position in the input (HEX argument or capture record).</param>
/// <param name="TimestampMicroseconds">Capture time (microseconds since the Unix epoch), null for HEX input.</param>
/// <param name="Source">IP source (from the IP header or --src), null when unknown.</param>
/// <param name="Destination">IP destination (from the IP header or --dst).</param>
/// <param name="HasIpHeader">True when the input carried an IP header.</param>
/// <param name="Ttl">IP TTL / hop limit when an IP header was present.</param>
/// <param name="Inspection">The VRRP verdicts, null when no VRRP message could be found.</param>
/// <param name="Verdicts">Every check in keepalived's order, with its outcome.</param>
/// <param name="Reason">The first failed check (keepalived would drop the packet for it), <see cref="AdvertDropReason.None"/> if none.</param>
public sealed record DecodedPacket(
    int Number,
    long? TimestampMicroseconds,
    IPAddress? Source,
    IPAddress? Destination,
    bool HasIpHeader,
    int? Ttl,
    AdvertisementInspection? Inspection,
    ImmutableArray<Verdict> Verdicts,
    AdvertDropReason Reason)
{
    /// <summary>True when any check failed.</summary>
    public bool Failed => Verdicts.Any(v => v.Decisive && v.Outcome == CheckOutcome.Fail);

    /// <summary>True when a check could not be made (e.g. the v3 pseudo-header checksum without --src).</summary>
    public bool HasUnknown => Verdicts.Any(v => v.Decisive && v.Outcome == CheckOutcome.Unknown);
}
