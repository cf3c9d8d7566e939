using System.Net;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// A segment client gained or lost the VIP (<c>reach</c>): what <c>outage</c> measures. Every client
/// starts unreachable at 0 (no VIP is held before the first election).
/// </summary>
/// <param name="TimeUs">When.</param>
/// <param name="Segment">The client's segment.</param>
/// <param name="Vip">The VIP.</param>
/// <param name="Owner">The node its neighbour entry points at, if any.</param>
/// <param name="Reachable">True when the client reaches the VIP from now on.</param>
public sealed record ReachRecord(long TimeUs, string Segment, IPAddress Vip, string? Owner, bool Reachable)
    : RunEvent(TimeUs, ClientArpRecord.ClientNode(Segment))
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Reach;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Address = Vip.ToString(), Peer = Owner, Detail = Reachable ? "reachable" : "unreachable" };
}
