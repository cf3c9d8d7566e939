using VrrpLab.Lab.Host;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Running;

/// <summary>
/// What of a scenario the lab can do for real. Every timeline action is done for real or the file is
/// "not runnable in the lab" with the reason (exit 2); nothing is skipped silently.
/// </summary>
public static class Runnability
{
    /// <summary>
    /// The largest segment latency the lab takes as the bridge's own (veth and bridge add about 0.05 ms):
    /// a segment with at most this latency, no jitter and no <c>latency</c> action gets no relay.
    /// </summary>
    public const long OwnLatencyUs = 1_000;

    /// <summary>
    /// The segments whose latency or jitter the lab makes with a <see cref="Network.DelayRelay"/>: a latency
    /// above <see cref="OwnLatencyUs"/>, any jitter, or a <c>latency</c> action on the timeline. Their
    /// relay delays by the whole configured latency.
    /// </summary>
    public static List<string> DelayedSegments(Scenario scenario)
    {
        var changed = scenario.Timeline.Select(e => e.Action).OfType<LatencyAction>().Select(l => l.Segment).ToHashSet(StringComparer.Ordinal);
        return [.. scenario.Segments
            .Where(s => s.Jitter.Microseconds > 0 || s.Latency.Microseconds > OwnLatencyUs || changed.Contains(s.Name))
            .Select(s => s.Name)];
    }

    private static readonly string TooLong = $"the lab's delay relay delays by at most {Network.DelayRelay.MaxDelayUs / 1_000_000} s (latency plus jitter)";

    /// <summary>The reasons <paramref name="scenario"/> cannot run in the lab (empty: it can), each with its location.</summary>
    public static List<string> Reasons(Scenario scenario)
    {
        var reasons = new List<string>();
        foreach (SegmentSpec seg in scenario.Segments.Where(s => s.Latency.Microseconds + s.Jitter.Microseconds > Network.DelayRelay.MaxDelayUs))
        {
            reasons.Add($"segment {seg.Name}: latency {seg.Latency} jitter {seg.Jitter}: {TooLong}");
        }

        foreach (TimelineEntry e in scenario.Timeline)
        {
            string at = At(e);
            switch (e.Action)
            {
                case DriftAction:
                    reasons.Add($"{at}: a process's clock cannot be made to run at another rate on a real host (Linux has no per-process clock rate)");
                    break;
                case ProcessAction:
                    reasons.Add($"{at}: tracked processes: keepalived 2.2.7 cannot track processes inside a network namespace "
                        + "(its process-event connector refuses with errno 111 there and it does not scan /proc, so a tracking "
                        + "instance never sees a process), and the lab's nodes share the host's process table (no PID namespace), "
                        + "so vrrplab would count the host's own processes of that name too");
                    break;
                case LatencyAction l when l.Value.Microseconds + (l.Jitter?.Microseconds ?? 0) > Network.DelayRelay.MaxDelayUs:
                    reasons.Add($"{at}: {TooLong}");
                    break;
            }
        }

        return reasons;
    }

    /// <summary>
    /// The places in <paramref name="scenario"/> that need nftables (partitions, heals, loss, latency and
    /// jitter: the bridge filter), each with its location; empty when it needs none.
    /// </summary>
    public static List<string> NftablesUses(Scenario scenario)
    {
        var uses = new List<string>();
        foreach (SegmentSpec seg in scenario.Segments.Where(s => s.Loss.PartsPerMillion > 0))
        {
            uses.Add($"segment {seg.Name}: loss {seg.Loss}");
        }

        foreach (string seg in DelayedSegments(scenario))
        {
            uses.Add($"segment {seg}: latency or jitter (delay relay)");
        }

        foreach (TimelineEntry e in scenario.Timeline.Where(e => e.Action is PartitionAction or HealAction or LossAction or LatencyAction))
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

        return [$"'nft' is not installed (apt-get install nftables): the lab makes partitions, loss and delays with an nftables filter on the bridge ({string.Join("; ", uses)})"];
    }

    private static string At(TimelineEntry e)
    {
        string where = e.Location is { } loc ? $"{loc.Line}:{loc.Column}: " : "";
        return $"{where}at {e.At} {e.Action.Keyword} {e.Action.Describe()}";
    }
}
