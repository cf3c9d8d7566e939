using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// Tracked processes (<c>vrrp_track_process</c>): the host's process counts come from <c>process</c>
/// actions; keepalived counts them when it starts (its /proc scan) and then sees every change at once
/// (its process events), with each block's quorum, <c>fork_delay</c> and <c>terminate_delay</c> as
/// <see cref="ProcessQuorum"/> keeps them, the same code the daemon uses.
/// </summary>
public sealed partial class Simulator
{
    /// <summary>keepalived starts: one scan before its instances start (they start with the quorum it finds).</summary>
    private void ScanProcesses(SimNode node)
    {
        ImmutableArray<TrackedProcess> processes = node.Config.Processes;
        if (processes.IsDefaultOrEmpty || node.Router is not { } router)
        {
            return;
        }

        node.Quorums = new ProcessQuorum[processes.Length];
        for (int i = 0; i < processes.Length; i++)
        {
            var q = new ProcessQuorum(processes[i]);
            q.Initialise(node.ProcessCounts.GetValueOrDefault(processes[i].Process));
            node.Quorums[i] = q;
            _ = router.TrackedProcessChanged(Local(node), q.Process.Name, q.HaveQuorum);
        }
    }

    /// <summary>A <c>process</c> action: the host now runs <paramref name="count"/> processes named <paramref name="name"/>.</summary>
    private void SetProcesses(SimNode node, string name, int count, bool forked)
    {
        node.ProcessCounts[name] = count;
        if (node.Router is null || node.Quorums is not { } quorums)
        {
            return; // keepalived is not running: it counts them when it starts
        }

        for (int i = 0; i < quorums.Length; i++)
        {
            if (quorums[i].Process.Process == name)
            {
                Tell(node, quorums[i], quorums[i].Update(count, forked, _now));
                if (quorums[i].DueAt is long due)
                {
                    Push(due, new SimEvent(SimEventType.ProcessDelay, node.Index, 0, i, node.ProcessGeneration, null));
                }
            }
        }
    }

    /// <summary>A block's delay may have expired: the quorum of the count now.</summary>
    private void OnProcessDelay(SimNode node, int block, long generation)
    {
        if (generation != node.ProcessGeneration || node.Router is null || node.Quorums is not { } quorums)
        {
            return;
        }

        Tell(node, quorums[block], quorums[block].Expire(_now));
    }

    private void Tell(SimNode node, ProcessQuorum q, bool? change)
    {
        if (change is not bool quorum || node.Router is not { } router)
        {
            return;
        }

        if (node.Paused)
        {
            node.PendingInputs.Enqueue(new SimEvent(SimEventType.Action, node.Index, 0, 0, node.ProcessGeneration, new TrackedProcessInput(q.Process.Name, quorum)));
            return;
        }

        ApplyEffects(node, router.TrackedProcessChanged(Local(node), q.Process.Name, quorum));
        Reschedule(node);
    }
}
