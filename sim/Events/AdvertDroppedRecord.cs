using System.Net;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>The receiver's VRRP process discarded an advertisement (<c>advert_drop</c>) for <see cref="Reason"/>.</summary>
/// <param name="TimeUs">When.</param>
/// <param name="Node">The receiver.</param>
/// <param name="Instance">The instance that discarded it (null when no instance matched, e.g. an unknown VRID).</param>
/// <param name="Interface">The receiving interface.</param>
/// <param name="Reason">Why, in snake case (<c>auth_failure</c>, <c>interval_mismatch</c>, ...).</param>
/// <param name="Source">The packet's IP source.</param>
/// <param name="Packet">The id of its <see cref="AdvertSentRecord"/>, when known.</param>
public sealed record AdvertDroppedRecord(long TimeUs, string Node, string? Instance, string Interface, string Reason, IPAddress Source, long? Packet)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.AdvertDrop;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() =>
        Line() with { Instance = Instance, Interface = Interface, Reason = Reason, Address = Source.ToString(), Packet = Packet };
}
