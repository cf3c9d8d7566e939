using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>A LAN segment during a run, with its random streams and its client's VIPs.</summary>
internal sealed class SimSegment(SegmentSpec spec, int index, ulong seed)
{
    public string Name => Spec.Name;

    public SegmentSpec Spec { get; set; } = spec;

    public int Index { get; } = index;

    public List<(int Node, int Iface)> Members { get; } = [];

    public SimRandom LossRandom { get; } = SimRandom.ForComponent(seed, "segment/" + spec.Name + "/loss");

    public SimRandom JitterRandom { get; } = SimRandom.ForComponent(seed, "segment/" + spec.Name + "/jitter");

    /// <summary>Indices into the simulator's client views of the VIPs used on this segment.</summary>
    public List<int> Views { get; } = [];

    public long Delay() => Spec.Latency.Microseconds + JitterRandom.UpTo(Spec.Jitter.Microseconds);

    public bool Lost() => LossRandom.Chance(Spec.Loss.PartsPerMillion);
}
