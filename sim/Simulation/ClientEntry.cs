namespace VrrpLab.Sim.Simulation;

/// <summary>The segment client's ARP cache entry for one VIP.</summary>
internal sealed class ClientEntry(ClientView view, int segment)
{
    public ClientView View { get; } = view;

    public int Segment { get; } = segment;

    public int CachedNode { get; set; } = -1;

    public int CachedIface { get; set; } = -1;

    public bool Reachable { get; set; }

    public bool ProbePending { get; set; }
}
