using System.Net;

namespace VrrpLab.Sim.Simulation;

/// <summary>The segment client's neighbour (ARP) entry for one VIP: a model of a Linux host's entry (see <see cref="Simulator"/>'s data plane).</summary>
internal sealed class ClientEntry(string segmentName, IPAddress vip, int segment, SimRandom random)
{
    public string SegmentName { get; } = segmentName;

    public IPAddress Vip { get; } = vip;

    public int Segment { get; } = segment;

    /// <summary>Draws the reachable time (the client's own stream, so the control plane's draws never shift).</summary>
    public SimRandom Random { get; } = random;

    public NeighbourState State { get; set; } = NeighbourState.Incomplete;

    /// <summary>The node and interface the entry points at (-1: none yet).</summary>
    public int CachedNode { get; set; } = -1;

    public int CachedIface { get; set; } = -1;

    /// <summary>Last change of the entry (Linux <c>neigh->updated</c>): replies within locktime of it do not override.</summary>
    public long UpdatedUs { get; set; } = long.MinValue / 2;

    /// <summary>Requests or probes sent in the current Incomplete/Probe round.</summary>
    public int Sent { get; set; }

    /// <summary>Invalidates a scheduled timer when the entry changes state.</summary>
    public long TimerGeneration { get; set; }

    /// <summary>The reachable time in force and the window of 300 s it was drawn for (Linux re-draws it every 300 s).</summary>
    public long ReachableTimeUs { get; set; }

    public long ReachableWindow { get; set; } = -1;

    public bool Reachable { get; set; }

    /// <summary>True when traffic goes to the cached MAC (every state but Incomplete).</summary>
    public bool Valid => State != NeighbourState.Incomplete && CachedNode >= 0;
}
