using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// What one host did with a flood over the last second (<c>flood_rx</c>): the flood's datagrams are
/// summarised, never traced one by one.
/// </summary>
/// <param name="TimeUs">When the summary was written (the end of the second, or of the flood).</param>
/// <param name="Node">The receiving host.</param>
/// <param name="Interface">Its interface on the flooded segment.</param>
/// <param name="Vrid">The VRID the flood names.</param>
/// <param name="Received">Datagrams the VRRP process read.</param>
/// <param name="Restarted">How many of them restarted a MASTER's advert timer (keepalived's behaviour).</param>
/// <param name="Lost">Datagrams lost on the way (loss, host or link down, no process, full buffer).</param>
/// <param name="Reasons">The drop reasons with their counts, most frequent first, e.g. <c>bad_checksum 150, too_short 50</c>.</param>
public sealed record FloodReceivedRecord(long TimeUs, string Node, string Interface, int Vrid, long Received, long Restarted, long Lost, string Reasons)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.FloodRx;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with
    {
        Interface = Interface,
        Vrid = Vrid,
        Count = (int)Math.Min(Received, int.MaxValue),
        Reason = Reasons,
        Detail = $"advert timer restarted {Restarted}; lost {Lost}",
    };
}
