using System.Net;

namespace VrrpLab.Sim.Simulation;

/// <summary>The segment client's ARP cache entry for one VIP.</summary>
internal sealed class ClientEntry(string segmentName, IPAddress vip, int segment)
{
    public string SegmentName { get; } = segmentName;

    public IPAddress Vip { get; } = vip;

    public int Segment { get; } = segment;

    /// <summary>True once a host on the segment has held the VIP (the client starts re-resolving only then).</summary>
    public bool Acquired { get; set; }

    public int CachedNode { get; set; } = -1;

    public int CachedIface { get; set; } = -1;

    public bool Reachable { get; set; }

    public bool ProbePending { get; set; }
}
