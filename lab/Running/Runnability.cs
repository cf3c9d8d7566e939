using VrrpLab.Lab.Host;
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

    private const string NoDelay =
        "needs a delay on the bridge ports, which the lab cannot make exact on the kernels it runs on (no sch_netem, no sch_fq for timestamped departures); a latency up to 1ms without jitter is taken as the bridge's own";

    /// <summary>The reasons <paramref name="scenario"/> cannot run in the lab (empty: it can), each with its location.</summary>
    public static List<string> Reasons(Scenario scenario)
    {
        var reasons = new List<string>();
        foreach (SegmentSpec seg in scenario.Segments)
        {
            if (seg.Jitter.Microseconds > 0 || seg.Latency.Microseconds > OwnLatencyUs)
            {
                reasons.Add($"segment {seg.Name}: latency {seg.Latency} jitter {seg.Jitter} {NoDelay}");
            }
        }

        foreach (TimelineEntry e in scenario.Timeline)
        {
            string at = At(e);
            switch (e.Action)
            {
                case DriftAction:
                    reasons.Add($"{at}: a process's clock cannot be made to run at another rate on a real host (Linux has no per-process clock rate)");
                    break;
                case LatencyAction:
                    reasons.Add($"{at}: changing a segment's latency {NoDelay}");
                    break;
            }
        }

        return reasons;
    }

    /// <summary>
    /// The places in <paramref name="scenario"/> that need nftables (partitions, heals, loss: the bridge
    /// filter), each with its location; empty when it needs none.
    /// </summary>
    public static List<string> NftablesUses(Scenario scenario)
    {
        var uses = new List<string>();
        foreach (SegmentSpec seg in scenario.Segments.Where(s => s.Loss.PartsPerMillion > 0))
        {
            uses.Add($"segment {seg.Name}: loss {seg.Loss}");
        }

        foreach (TimelineEntry e in scenario.Timeline.Where(e => e.Action is PartitionAction or HealAction or LossAction))
        {
            uses.Add(At(e));
        }

        return uses;
    }

    /// <summary>
    /// What this machine lacks to run <paramref name="scenario"/> beyond what every run needs (see
    /// <see cref="LabEnvironment"/>): the <c>nft</c> tool for a file with partitions or loss, named with its
    /// package. Empty when nothing is missing.
    /// </summary>
    public static List<string> MissingTools(Scenario scenario)
    {
        List<string> uses = NftablesUses(scenario);
        if (uses.Count == 0 || Shell.Which("nft") is not null)
        {
            return [];
        }

        return [$"'nft' is not installed (apt-get install nftables): the lab makes partitions and loss with an nftables filter on the bridge ({string.Join("; ", uses)})"];
    }

    private static string At(TimelineEntry e)
    {
        string where = e.Location is { } loc ? $"{loc.Line}:{loc.Column}: " : "";
        return $"{where}at {e.At} {e.Action.Keyword} {e.Action.Describe()}";
    }
}
