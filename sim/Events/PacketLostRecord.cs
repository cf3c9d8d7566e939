using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// The network did not deliver a packet (<c>packet_lost</c>): <see cref="Reason"/> is <c>loss</c>,
/// <c>partition</c>, <c>link_down</c>, <c>host_down</c>, <c>no_process</c>, <c>buffer_full</c>,
/// <c>no_interface</c> or <c>no_route</c>.
/// </summary>
/// <param name="TimeUs">When.</param>
/// <param name="Node">The receiver it did not reach (the sender for send-side losses).</param>
/// <param name="Interface">The interface concerned.</param>
/// <param name="Reason">Why.</param>
/// <param name="Source">The packet's IP source, when written.</param>
/// <param name="Destination">The unicast destination nobody owned (<c>no_route</c>).</param>
/// <param name="Packet">The id of its <see cref="AdvertSentRecord"/>.</param>
public sealed record PacketLostRecord(long TimeUs, string Node, string? Interface, string Reason, string? Source, string? Destination, long Packet)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.PacketLost;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() =>
        Line() with { Interface = Interface, Reason = Reason, Address = Source, Peer = Destination, Packet = Packet };
}
