namespace VrrpLab.Sim.Tracing;

/// <summary>
/// One line of the JSONL trace, flat, as spec/scenario-format.md writes it (the typed log's
/// <c>RunEvent.ToTrace</c> gives it): when (<paramref name="TimeUs"/>, global simulated microseconds), where
/// (<paramref name="Node"/>; <c>*</c> for the network, <c>client@SEGMENT</c> for a segment's client)
/// and what. The optional fields are written to JSONL in declaration order when set.
/// </summary>
public sealed record TraceEvent(long TimeUs, string Node, TraceKind Kind)
{
    /// <summary>The timeline action's keyword (<c>stop</c>, <c>partition</c>, ...) of an <c>action</c> event.</summary>
    public string? Action { get; init; }

    /// <summary>The VRRP instance.</summary>
    public string? Instance { get; init; }

    /// <summary>The interface.</summary>
    public string? Interface { get; init; }

    /// <summary>Previous state.</summary>
    public string? From { get; init; }

    /// <summary>New state.</summary>
    public string? To { get; init; }

    /// <summary>Why (state changes, VIP removal).</summary>
    public string? Cause { get; init; }

    /// <summary>Why a packet was discarded or lost.</summary>
    public string? Reason { get; init; }

    /// <summary>A VIP, or a packet's source address.</summary>
    public string? Address { get; init; }

    /// <summary>A packet's destination, or the peer node.</summary>
    public string? Peer { get; init; }

    /// <summary>VRID of an advert.</summary>
    public int? Vrid { get; init; }

    /// <summary>Priority of an advert, or a new effective priority.</summary>
    public int? Priority { get; init; }

    /// <summary>Packet id: links an <c>advert_tx</c> to its <c>advert_rx</c>/<c>advert_drop</c>/<c>packet_lost</c>.</summary>
    public long? Packet { get; init; }

    /// <summary>How many (gratuitous ARPs).</summary>
    public int? Count { get; init; }

    /// <summary>Free text: the action's argument, a log line, a script result.</summary>
    public string? Detail { get; init; }

    /// <summary>How the lab timed a state change (<c>timing</c>; never set by the simulator).</summary>
    public string? Timing { get; init; }

    /// <summary>How late the lab applied an action, in microseconds (<c>lateness_us</c>; never set by the simulator).</summary>
    public long? LatenessUs { get; init; }
}
