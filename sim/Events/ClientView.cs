using System.Net;

namespace VrrpLab.Sim.Events;

/// <summary>
/// One VIP as a segment's client sees it: when it was first configured anywhere on the segment and
/// every interval during which the client could not reach it (end = <see cref="long.MaxValue"/> while open).
/// </summary>
public sealed class ClientView(string segment, IPAddress vip)
{
    /// <summary>The segment.</summary>
    public string Segment { get; } = segment;

    /// <summary>The VIP.</summary>
    public IPAddress Vip { get; } = vip;

    /// <summary>When a host on the segment first held the VIP (null: never).</summary>
    public long? FirstAcquiredUs { get; internal set; }

    /// <summary>Intervals [start, end) during which the client could not reach the VIP, in time order.</summary>
    public List<(long Start, long End)> Outages { get; } = [];
}
