using System.Net;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>Gratuitous ARPs (or unsolicited neighbour adverts) were sent for a VIP (<c>garp_tx</c>).</summary>
public sealed record GarpRecord(long TimeUs, string Node, string Instance, string Interface, IPAddress Address, int Count)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.GarpTx;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Instance = Instance, Interface = Interface, Address = Address.ToString(), Count = Count };
}
