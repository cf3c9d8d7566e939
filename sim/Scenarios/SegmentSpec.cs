using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// A LAN segment: every packet takes <paramref name="Latency"/> plus a uniform random extra delay in
/// [0, <paramref name="Jitter"/>], and is lost with probability <paramref name="Loss"/>.
/// </summary>
/// <param name="Name">Segment name, e.g. <c>lan</c>.</param>
/// <param name="Latency">One-way delay.</param>
/// <param name="Jitter">Largest extra random delay (packets may reorder).</param>
/// <param name="Loss">Probability that one packet (advert, gratuitous ARP, ARP request or reply) is lost.</param>
public sealed record SegmentSpec(string Name, Duration Latency, Duration Jitter, Rate Loss)
{
    /// <summary>The default network's only segment: <c>lan</c>, 100us, no jitter, no loss.</summary>
    public static readonly SegmentSpec DefaultLan = new("lan", Duration.FromMicroseconds(100), Duration.Zero, Rate.Zero);
}
