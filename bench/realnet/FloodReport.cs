using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>Renders the flood measurements as markdown (docs/realnet-bench.md, README): medians, every sample.</summary>
public static class FloodReport
{
    /// <summary>One table per flood kind: a row per rate, MASTER CPU and largest advert gap per implementation.</summary>
    public static string Markdown(IReadOnlyList<FloodRun.Result> results, BenchOptions options, string commandLine)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(c, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} CPUs, Linux {Environment.OSVersion.Version}, ");
        s.Append(c, $"{Shell.Run("keepalived", ["--version"]).StdErr.Split('\n')[0].Trim()}, .NET {Environment.Version}; machine load (1, 5, 15 min averages) when the run ended: {MachineLoad.Averages()}.\n\n");
        s.Append(c, $"MASTER priority 100, BACKUP priority 50 of the same implementation, VRRPv2 PASS, advert_int 1; `vrrplab flood` from a third host for {options.FloodSeconds} s; {options.Runs} run(s) each, medians (all samples in brackets).\n");
        s.Append("CPU: the MASTER's processes (keepalived: parent and VRRP child) over the flood, % of one core. Gap: largest interval between the MASTER's adverts on its cable (its bridge port) during the flood; as sent: the same on its own interface inside its namespace, as its thread handed them to the device (before the veth and the bridge, whose softirq work a loaded machine defers). Takeovers: times the BACKUP became MASTER during the flood.\n\n");
        foreach (IGrouping<string, FloodRun.Result> byKind in results.GroupBy(r => r.FloodKind))
        {
            PeerKind[] kinds = [.. byKind.Select(r => r.Kind).Distinct()];
            s.Append("**" + byKind.Key + "**\n\n| rate asked (/s) | " + string.Join(" | ", kinds.Select(k => $"{k} CPU % | {k} largest gap (ms) | as sent (ms) | {k} takeovers | flood reached (sent/s)")) + " |\n");
            s.Append("|---|" + string.Concat(kinds.Select(_ => "---|---|---|---|---|")) + "\n");
            foreach (IGrouping<int, FloodRun.Result> byRate in byKind.GroupBy(r => r.Rate).OrderBy(g => g.Key))
            {
                // What the generator reached differs per implementation (it shares the 2 cores with the
                // MASTER and the BACKUP): each implementation's cells say what it faced.
                s.Append(c, $"| {byRate.Key:N0} |");
                foreach (PeerKind k in kinds)
                {
                    var samples = byRate.Where(r => r.Kind == k).ToList();
                    s.Append(' ').Append(Cell([.. samples.Select(r => r.CpuPercent)], "0.0")).Append(" | ")
                        .Append(Cell([.. samples.Select(r => r.LargestGapMs)], "0.0")).Append(" | ")
                        .Append(Cell([.. samples.Select(r => r.LargestSendGapMs)], "0.0")).Append(" | ")
                        .Append(string.Join(", ", samples.Select(r => r.Takeovers.ToString(c)))).Append(" | ")
                        .Append(string.Join(", ", samples.Select(r => r.SentPerSecond.ToString("N0", c)))).Append(" |");
                }

                s.Append('\n');
            }

            s.Append('\n');
        }

        s.Append(c, $"Command: `{commandLine}`\n");
        return s.ToString();
    }

    private static string Cell(IReadOnlyList<double> v, string format)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        return v.Count == 1
            ? v[0].ToString(format, c)
            : $"**{Median(v).ToString(format, c)}** ({string.Join(", ", v.Select(x => x.ToString(format, c)))})";
    }

    private static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
