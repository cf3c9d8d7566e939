using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Wire;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// A running <c>flood</c>: one queued event per datagram (never one per receiver), one reused buffer,
/// one random stream for the bytes and one for losses, and per-receiver counters that the trace
/// summarises once per simulated second (<c>flood_rx</c>), so 100,000 datagrams per second cost no
/// allocation and no trace line each.
/// </summary>
internal sealed class SimFlood
{
    public SimFlood(int index, FloodAction action, int segment, long firstArrivalUs, IPAddress source, IPAddress destination,
        VrrpVersion clusterVersion, string? clusterPassword, ulong seed, int receivers)
    {
        Index = index;
        Action = action;
        Segment = segment;
        FirstArrivalUs = firstArrivalUs;
        Source = source;
        Destination = destination;
        SourceBytes = source.GetAddressBytes();
        DestinationBytes = destination.GetAddressBytes();
        ClusterVersion = clusterVersion;
        ClusterPassword = clusterPassword;
        Bytes = SimRandom.ForComponent(seed, $"flood/{index}/bytes");
        Loss = SimRandom.ForComponent(seed, $"flood/{index}/loss");
        Total = Math.Max(1, action.For.Microseconds * action.Rate / 1_000_000);
        Counters = new FloodCounters[receivers];
        for (int i = 0; i < receivers; i++)
        {
            Counters[i] = new FloodCounters();
        }

        NextFlushUs = firstArrivalUs + 1_000_000;
    }

    public int Index { get; }

    public FloodAction Action { get; }

    public int Segment { get; }

    /// <summary>When the first datagram reaches the segment's hosts (the action's time plus the segment's latency).</summary>
    public long FirstArrivalUs { get; }

    public IPAddress Source { get; }

    public IPAddress Destination { get; }

    public byte[] SourceBytes { get; }

    public byte[] DestinationBytes { get; }

    public VrrpVersion ClusterVersion { get; }

    public string? ClusterPassword { get; }

    public SimRandom Bytes { get; }

    public SimRandom Loss { get; }

    /// <summary>Datagrams in the whole flood: rate x duration.</summary>
    public long Total { get; }

    /// <summary>Datagrams sent so far.</summary>
    public long Sent { get; set; }

    public byte[] Buffer { get; } = new byte[FloodDatagrams.MaxLength];

    /// <summary>Per member of the segment (in <see cref="SimSegment.Members"/> order).</summary>
    public FloodCounters[] Counters { get; }

    /// <summary>When the counters are next written to the trace.</summary>
    public long NextFlushUs { get; set; }

    /// <summary>When datagram <paramref name="k"/> arrives: exact integer spacing, no drift over millions.</summary>
    public long ArrivalOf(long k) => FirstArrivalUs + (k * 1_000_000 / Action.Rate);

    /// <summary>Writes the next datagram into <see cref="Buffer"/>; returns its length.</summary>
    public int NextDatagram() =>
        FloodDatagrams.Write(Action.Kind, Action.Vrid, ClusterVersion, ClusterPassword, Bytes.NextUInt64(), SourceBytes, DestinationBytes, Buffer);
}

/// <summary>What one receiver did with a flood since the last <c>flood_rx</c> line.</summary>
internal sealed class FloodCounters
{
    public long Received { get; set; }

    public long Lost { get; set; }

    public long Queued { get; set; }

    public long Restarted { get; set; }

    public long[] ByReason { get; } = new long[Enum.GetValues<AdvertDropReason>().Length];

    public bool Any => Received + Lost + Queued > 0;

    public void Clear()
    {
        Received = 0;
        Lost = 0;
        Queued = 0;
        Restarted = 0;
        Array.Clear(ByReason);
    }
}
