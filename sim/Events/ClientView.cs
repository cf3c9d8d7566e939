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

    /// <summary>
    /// Every change of the client's neighbour (ARP) entry for the VIP, in time order: from then on it
    /// sends the VIP's traffic to that node's interface. The first is the first acquisition; each later
    /// change to another node is a VIP move as the client experiences it.
    /// </summary>
    public List<(long TimeUs, string Node, string Interface)> Neighbours { get; } = [];

    /// <summary>
    /// The VIP moves the client experienced: each change of its neighbour entry to another node
    /// (time, from, to). The first entry is not a move; a new entry for the same node is none either.
    /// </summary>
    public List<(long TimeUs, string From, string To)> Moves()
    {
        var moves = new List<(long, string, string)>();
        string? owner = null;
        foreach ((long t, string node, string _) in Neighbours)
        {
            if (owner is not null && owner != node)
            {
                moves.Add((t, owner, node));
            }

            owner = node;
        }

        return moves;
    }
}
