using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>A LAN segment during a run, with its random streams and its client's VIPs.</summary>
internal sealed class SimSegment(SegmentSpec spec, int index, ulong seed)
{
    public string Name => Spec.Name;

    public SegmentSpec Spec { get; set; } = spec;

    public int Index { get; } = index;

    public List<(int Node, int Iface)> Members { get; } = [];

    public SimRandom LossRandom { get; } = SimRandom.ForComponent(seed, "segment/", spec.Name, "/loss");

    public SimRandom JitterRandom { get; } = SimRandom.ForComponent(seed, "segment/", spec.Name, "/jitter");

    /// <summary>Loss of ARP traffic (gratuitous ARPs, the client's requests and the replies): a stream of its own.</summary>
    public SimRandom ArpLossRandom { get; } = SimRandom.ForComponent(seed, "segment/", spec.Name, "/arp-loss");

    /// <summary>Jitter of ARP traffic: a stream of its own, so the data plane never shifts the adverts' draws.</summary>
    public SimRandom ArpJitterRandom { get; } = SimRandom.ForComponent(seed, "segment/", spec.Name, "/arp-jitter");

    /// <summary>Loss of the ARP exchanges by which a VIP holder resolves the client: a stream of its own, so they shift no other draw.</summary>
    public SimRandom ResolveLossRandom { get; } = SimRandom.ForComponent(seed, "segment/" + spec.Name + "/resolve-loss");

    /// <summary>Jitter of those exchanges: a stream of its own.</summary>
    public SimRandom ResolveJitterRandom { get; } = SimRandom.ForComponent(seed, "segment/" + spec.Name + "/resolve-jitter");

    /// <summary>Indices into the simulator's client views of the VIPs used on this segment.</summary>
    public List<int> Views { get; } = [];

    public long Delay() => Spec.Latency.Microseconds + JitterRandom.UpTo(Spec.Jitter.Microseconds);

    public bool Lost() => LossRandom.Chance(Spec.Loss.PartsPerMillion);

    public long ArpDelay() => Spec.Latency.Microseconds + ArpJitterRandom.UpTo(Spec.Jitter.Microseconds);

    public bool ArpLost() => ArpLossRandom.Chance(Spec.Loss.PartsPerMillion);

    public long ResolveDelay() => Spec.Latency.Microseconds + ResolveJitterRandom.UpTo(Spec.Jitter.Microseconds);

    public bool ResolveLost() => ResolveLossRandom.Chance(Spec.Loss.PartsPerMillion);
}
