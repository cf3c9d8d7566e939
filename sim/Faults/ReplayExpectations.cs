using System.Collections.Immutable;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Clusters;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Faults;

/// <summary>
/// The expectations a replay scenario carries: what this run did, exactly (takeover instants,
/// longest outage, VIP moves, final MASTER per VRID), so <c>vrrplab run</c> on the emitted file
/// confirms the numbers <c>vrrplab check</c> printed, and the lab compares real daemons with them.
/// </summary>
public static class ReplayExpectations
{
    /// <summary>The expectations of <paramref name="run"/> after <paramref name="onsetUs"/>; only those the run itself passes.</summary>
    public static ImmutableArray<Expectation> For(SimulationResult run, DerivedCluster cluster, long onsetUs)
    {
        SimHistory h = run.History;
        Duration after = Duration.FromMicroseconds(onsetUs);
        var list = new List<Expectation>();
        foreach (byte vrid in cluster.Vips.SelectMany(v => v.Vrids).Distinct())
        {
            List<InstanceInfo> inst = [.. h.Instances.Where(i => i.Vrid == vrid)];
            StateRecord? first = h.States.FirstOrDefault(s => s.Vrid == vrid && s.To == VrrpState.Master && s.TimeUs >= onsetUs);
            if (first is not null)
            {
                Duration d = Duration.FromMicroseconds(first.TimeUs - onsetUs);
                list.Add(new TakeoverExpectation(first.Node, after, d, d) { Vrid = vrid });
            }

            long worst = 0;
            foreach (ClientView v in h.Clients.Where(c => inst.Any(i => i.Vips.Contains(c.Vip))))
            {
                foreach ((long s, long e) in v.Outages)
                {
                    long a = Math.Max(s, onsetUs);
                    long b = Math.Min(e, h.EndUs);
                    worst = Math.Max(worst, b - a);
                }
            }

            list.Add(new OutageExpectation(Duration.FromMicroseconds(worst), after) { Vrid = vrid });
            int moves = inst.SelectMany(i => i.Vips).Distinct().Select(v => ExpectationEvaluator.VipMoves(v, h).Count).DefaultIfEmpty(0).Max();
            list.Add(new VipMovesExpectation(null, null, moves) { Vrid = vrid });
            var masters = inst.Where(i => h.StateAt(i.Node, i.Instance, h.EndUs) == VrrpState.Master).Select(i => i.Node).Distinct().ToList();
            if (masters.Count <= 1)
            {
                list.Add(new FinalMasterExpectation(masters.Count == 1 ? masters[0] : null) { Vrid = vrid });
            }
        }

        return [.. list.Where(e => ExpectationEvaluator.Evaluate(e, h).Passed)];
    }
}
