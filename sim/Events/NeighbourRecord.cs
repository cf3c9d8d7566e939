using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// A host's neighbour (ARP) entry for its segment's client (<c>neigh</c>): it resolves the client
/// (<c>who-has</c>, a broadcast request; the echo replies wait for the answer) or learned it (from the
/// client's request for an address the interface holds, or the client's reply to its own request). A new
/// MASTER that never learned the client answers it one round trip of the segment after the client's entry
/// points at it: part of the client's outage.
/// </summary>
/// <param name="TimeUs">When.</param>
/// <param name="Node">The host.</param>
/// <param name="Interface">Its interface on the client's segment.</param>
/// <param name="Segment">The segment (the client is <c>client@SEGMENT</c>).</param>
/// <param name="How">What happened: <c>who-has</c>, <c>learned from the client's request</c>, <c>resolved</c>.</param>
public sealed record NeighbourRecord(long TimeUs, string Node, string Interface, string Segment, string How) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Neigh;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Interface = Interface, Peer = ClientArpRecord.ClientNode(Segment), Detail = How };
}
