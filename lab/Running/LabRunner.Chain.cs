using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Events;

namespace VrrpLab.Lab.Running;

/// <summary>Chained takeovers: a window anchored at the real transition the takeover depends on.</summary>
public sealed partial class LabRunner
{
    /// <summary>
    /// A node that steps back from MASTER to BACKUP and takes over again one Master_Down_Interval later
    /// (a flapping BACKUP: flood, loss) times its next takeover from that BACKUP entry, which comes when
    /// the other node's answer reached it and the daemon handled it. The simulator handles a packet in zero
    /// time; keepalived takes milliseconds to tens of ms (measured under a 200/s garbage flood), so every
    /// step of a chain of flaps starts later, and the k-th takeover's absolute window would judge the sum
    /// of the earlier steps' lateness, not the k-th step. When the replay's takeover at or after
    /// <paramref name="after"/> is caused by such a MASTER -> BACKUP entry, the real run has the same
    /// sequence of states up to it, and its takeover of the same rank has the same kind of cause, the
    /// window moves by the real entry minus the replay's: the takeover is judged on its delay from the real
    /// entry (it still fails if that delay is off by more than the tolerance). Null otherwise.
    /// </summary>
    internal static (long Us, string Why)? ChainAnchor(string node, long after, SimHistory replay, SimHistory real)
    {
        StateRecord? entry = replay.States.FirstOrDefault(s => s.Node == node && s.To == VrrpState.Master && s.TimeUs >= after);
        InstanceInfo? inst = entry is null ? null : replay.Instances.FirstOrDefault(i => i.Node == node && i.Instance == entry.Instance);
        if (entry is null || inst is null)
        {
            return null;
        }

        List<Takeover> replayed = LabDiff.TakeoversOf(replay, inst);
        List<Takeover> seen = LabDiff.TakeoversOf(real, inst);
        int k = replayed.FindIndex(t => t.AtUs == entry.TimeUs);
        if (k < 0 || k >= seen.Count || !StepsBack(replay, inst, replayed[k]) || !StepsBack(real, inst, seen[k]))
        {
            return null;
        }

        // The same states up to and including the k-th takeover in both worlds: the same chain.
        VrrpState[] r = Prefix(replay, inst, replayed[k].AtUs);
        VrrpState[] l = Prefix(real, inst, seen[k].AtUs);
        long shift = seen[k].CauseUs - replayed[k].CauseUs;
        if (!r.SequenceEqual(l) || shift == 0)
        {
            return null;
        }

        return (shift, $"anchored at {node}'s real BACKUP entry before it, {Engine.Time.Duration.FormatSeconds(seen[k].CauseUs)}, "
            + $"{Judging.Milliseconds(shift, plus: true)} from the replay's (the takeover is one Master_Down_Interval after it; the earlier steps of the chain are judged by their own expectations)");
    }

    /// <summary>True when <paramref name="t"/> is caused by a MASTER -> BACKUP entry of the instance (not a start-up's BACKUP entry, not an advert).</summary>
    private static bool StepsBack(SimHistory h, InstanceInfo inst, Takeover t) =>
        t.Cause == "its BACKUP entry"
        && h.StatesOf(inst.Node, inst.Instance).Any(s => s.TimeUs == t.CauseUs && s.To == VrrpState.Backup && s.From == VrrpState.Master);

    private static VrrpState[] Prefix(SimHistory h, InstanceInfo inst, long untilUs) =>
        [.. h.StatesOf(inst.Node, inst.Instance).Where(s => s.TimeUs <= untilUs && s.To != VrrpState.Init).Select(s => s.To)];
}
