using VrrpLab.Lab.Network;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Running;

/// <summary>
/// What of a scenario the lab can do for real. Every timeline action is done for real or the file is
/// "not runnable in the lab" with the reason (exit 2); nothing is skipped silently.
/// </summary>
public static class Runnability
{
    /// <summary>The largest segment latency the lab accepts as its own (veth and bridge add about 0.05 ms).</summary>
    public const long OwnLatencyUs = 1_000;

    /// <summary>The reasons <paramref name="scenario"/> cannot run in the lab (empty: it can), each with its location.</summary>
    public static List<string> Reasons(Scenario scenario)
    {
        var reasons = new List<string>();
        foreach (SegmentSpec seg in scenario.Segments)
        {
            if (seg.Jitter.Microseconds > 0 || seg.Latency.Microseconds > OwnLatencyUs)
            {
                reasons.Add($"segment {seg.Name}: latency {seg.Latency} jitter {seg.Jitter} needs tc netem on the bridge ports, which this lab does not use (the kernels it runs on lack sch_netem); a latency up to 1ms without jitter is taken as the bridge's own");
            }

            if (seg.Loss.PartsPerMillion is not (0 or 1_000_000))
            {
                reasons.Add($"segment {seg.Name}: random loss {seg.Loss} needs tc netem; the lab does total loss (100%) only, by isolating the bridge ports");
            }
        }

        foreach (TimelineEntry e in scenario.Timeline)
        {
            string where = e.Location is { } loc ? $"{loc.Line}:{loc.Column}: " : "";
            string at = $"{where}at {e.At} {e.Action.Keyword} {e.Action.Describe()}";
            switch (e.Action)
            {
                case DriftAction:
                    reasons.Add($"{at}: a process's clock cannot be made to run at another rate on a real host (Linux has no per-process clock rate)");
                    break;
                case LatencyAction:
                    reasons.Add($"{at}: changing a segment's latency needs tc netem on the bridge ports, which this lab does not use (the kernels it runs on lack sch_netem)");
                    break;
                case LossAction l when l.Rate.PartsPerMillion is not (0 or 1_000_000):
                    reasons.Add($"{at}: random loss needs tc netem; the lab does 0% and 100% only (bridge port isolation)");
                    break;
                case PartitionAction p when !LabNetwork.PartitionIsRunnable(scenario, p, out string why):
                    reasons.Add($"{at}: {why}");
                    break;
            }
        }

        return reasons;
    }
}
