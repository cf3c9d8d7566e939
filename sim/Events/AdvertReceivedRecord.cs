using System.Net;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>An advertisement reached a node's VRRP process (<c>advert_rx</c>).</summary>
/// <param name="TimeUs">When.</param>
/// <param name="Node">The receiver.</param>
/// <param name="Interface">The receiving interface.</param>
/// <param name="Source">The packet's IP source.</param>
/// <param name="FromNode">The sending node.</param>
/// <param name="Packet">The id of its <see cref="AdvertSentRecord"/>.</param>
public sealed record AdvertReceivedRecord(long TimeUs, string Node, string Interface, IPAddress Source, string FromNode, long Packet)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.AdvertRx;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Interface = Interface, Address = Source.ToString(), Peer = FromNode, Packet = Packet };
}
