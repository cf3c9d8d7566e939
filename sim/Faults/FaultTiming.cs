using VrrpLab.Engine.Time;
using VrrpLab.Sim.Clusters;

namespace VrrpLab.Sim.Faults;

/// <summary>
/// When the catalogue's faults happen. <see cref="Settle"/> is long enough for any takeover to
/// finish: the longest Master_Down_Interval, two advert intervals and the slowest script's
/// detection time (interval x fall), in whole seconds. Every host starts at 0s; faults start at
/// <see cref="Onset"/> (= Settle); each holds for <see cref="Hold"/> (2 x Settle); a second fault
/// (depth 2) starts one Settle after the first, when the first's failover is over; the run goes
/// on for <see cref="Tail"/> after the last recovery, long enough for a client's stale neighbour
/// entry to fail and re-resolve.
/// </summary>
/// <param name="Settle">The settling time.</param>
public sealed record FaultTiming(Duration Settle)
{
    /// <summary>When the first fault starts (the startup election is over).</summary>
    public Duration Onset => Settle;

    /// <summary>How long a fault lasts before its recovery.</summary>
    public Duration Hold => Settle * 2;

    /// <summary>
    /// The longest a segment client keeps a stale neighbour entry after its host dropped the VIP
    /// silently (sim/README.md, Data plane): reachable time under 45 s, <c>delay_first_probe_time</c>
    /// 5 s, three unicast probes 1 s apart: 53 s, rounded up to a minute.
    /// </summary>
    public static readonly Duration NeighbourRecovery = Duration.FromSeconds(60);

    /// <summary>How long a run goes on after the last recovery: one Settle and <see cref="NeighbourRecovery"/>.</summary>
    public Duration Tail => Settle + NeighbourRecovery;

    /// <summary>The timing for a derived cluster.</summary>
    public static FaultTiming For(DerivedCluster cluster)
    {
        long detect = 0;
        foreach (ClusterHost h in cluster.Hosts)
        {
            foreach (Engine.Configuration.TrackedScript s in h.Config.Scripts)
            {
                detect = Math.Max(detect, s.Interval.Microseconds * Math.Max(1, Math.Max(s.Fall, s.Rise)));
            }
        }

        long us = cluster.MaxMasterDown.Microseconds + (2 * cluster.AdvertInterval.Microseconds) + detect;
        return new FaultTiming(Duration.FromSeconds((us + 999_999) / 1_000_000));
    }
}
