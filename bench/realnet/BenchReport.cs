using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>Renders the measurements as the markdown of docs/realnet-bench.md.</summary>
public static class BenchReport
{
    /// <summary>The report: environment, failover medians with every sample, idle cost.</summary>
    /// <param name="results">Every implementation's measurements.</param>
    /// <param name="launch">The launch path alone (ip netns exec echo), ms per run.</param>
    /// <param name="options">What was asked.</param>
    /// <param name="commandLine">The command that produced it.</param>
    public static string Markdown(IReadOnlyList<KindResult> results, IReadOnlyList<double> launch, BenchOptions options, string commandLine)
    {
        var s = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        s.Append(c, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} CPUs, Linux {Environment.OSVersion.Version}, ");
        s.Append(c, $"{Shell.Run("keepalived", ["--version"]).StdErr.Split('\n')[0].Trim()}, .NET {Environment.Version}; machine load (1, 5, 15 min averages) when the run ended: {MachineLoad.Averages()}.\n\n");
        s.Append(c, $"Pair: priorities 100/50, VRRPv2 PASS, advert_int 1 (backup skew 805 ms, Master_Down_Interval 3805 ms); {options.Runs} runs each.\n");
        s.Append("Client: `ping -i 0.01` to the VIP from a third namespace; time = first echo reply from the backup after the outage.\n\n");
        s.Append("| failover (ms) | " + string.Join(" | ", results.Select(r => r.Kind.ToString())) + " |\n");
        s.Append("|---|" + string.Concat(results.Select(_ => "---|")) + "\n");
        Row(s, "SIGTERM -> client reaches backup (median)", results, r => r.Failover.GracefulToClient);
        Row(s, "SIGTERM -> VIP on backup (median)", results, r => r.Failover.GracefulVipMove);
        Row(s, "SIGTERM -> master's priority 0 on the wire (median)", results, r => r.Failover.GracefulResignation, "0.0");
        Row(s, "priority 0 -> backup's first advert on the wire (median; skew 805)", results, r => r.Failover.GracefulBackupReaction, "0.0");
        Row(s, "crash -> client reaches backup (median)", results, r => r.Failover.CrashToClient);
        Row(s, "crash -> VIP on backup (median)", results, r => r.Failover.CrashVipMove);
        Row(s, "master's last advert -> client reaches backup, crash (median)", results, r => r.Failover.CrashSinceLastAdvert);
        s.Append('\n');
        s.Append("| idle MASTER, one instance (" + options.IdleSeconds.ToString(c) + " s) | " + string.Join(" | ", results.Select(r => r.Kind.ToString())) + " |\n");
        s.Append("|---|" + string.Concat(results.Select(_ => "---|")) + "\n");
        s.Append("| processes | " + string.Join(" | ", results.Select(r => r.Idle.Processes.ToString(c))) + " |\n");
        s.Append("| RSS (MiB, all processes) | " + string.Join(" | ", results.Select(r => (r.Idle.RssKiB / 1024.0).ToString("0.0", c))) + " |\n");
        s.Append("| RSS: anonymous + file pages (MiB) | " + string.Join(" | ", results.Select(r => $"{r.Idle.RssAnonKiB / 1024.0:0.0} + {(r.Idle.RssKiB - r.Idle.RssAnonKiB) / 1024.0:0.0}")) + " |\n");
        s.Append("| CPU (% of one core; utime+stime, 10 ms ticks) | " + string.Join(" | ", results.Select(r => r.Idle.CpuPercent.ToString("0.00", c))) + " |\n");
        s.Append("| CPU (% of one core; the scheduler's ns run time of every thread) | " + string.Join(" | ", results.Select(r => r.Idle.Cpu is { } u ? u.PrecisePercent.ToString("0.000", c) : "-")) + " |\n");
        s.Append("| wake-ups per second (context switches, all threads) | " + string.Join(" | ", results.Select(r => r.Idle.Cpu is { } u ? u.WakeupsPerSecond.ToString("0.0", c) : "-")) + " |\n");
        s.Append("| threads | " + string.Join(" | ", results.Select(r => r.Idle.Cpu is { } u ? u.Threads.ToString(c) : "-")) + " |\n");
        s.Append("\n| start-up and scale | " + string.Join(" | ", results.Select(r => r.Kind.ToString())) + " |\n");
        s.Append("|---|" + string.Concat(results.Select(_ => "---|")) + "\n");
        Row(s, "launch -> \"Entering BACKUP STATE\" (ms, median)", results, r => r.Startup, "0.0");
        string launchCell = $"**{Median(launch).ToString("0.0", c)}** ({string.Join(", ", launch.Select(x => x.ToString("0.0", c)))})";
        s.Append("| the launch path alone, the same for both: `ip netns exec` of `echo` -> its line (ms, median) | " + string.Join(" | ", results.Select(_ => launchCell)) + " |\n");
        s.Append("| exec -> first timer armed (launch -> BACKUP minus the launch path, medians) | " + string.Join(" | ", results.Select(r => (Median(r.Startup) - Median(launch)).ToString("0.0", c))) + " |\n");
        s.Append(string.Create(c, $"| idle MASTER of {options.Instances} instances: RSS (MiB) | ") + string.Join(" | ", results.Select(r => (r.IdleMany.RssKiB / 1024.0).ToString("0.0", c))) + " |\n");
        s.Append("| RSS per extra instance (KiB) | " + string.Join(" | ", results.Select(r => ((r.IdleMany.RssKiB - r.Idle.RssKiB) / (double)(options.Instances - 1)).ToString("0", c))) + " |\n");
        s.Append(string.Create(c, $"| idle MASTER of {options.Instances} instances: CPU (% of one core) | ") + string.Join(" | ", results.Select(r => r.IdleMany.CpuPercent.ToString("0.00", c))) + " |\n");
        s.Append(string.Create(c, $"| idle MASTER of {options.Instances} instances: CPU (% of one core, ns run time) | ") + string.Join(" | ", results.Select(r => r.IdleMany.Cpu is { } u ? u.PrecisePercent.ToString("0.000", c) : "-")) + " |\n");
        s.Append(c, $"\nvrrplab under test: {DaemonLocator.Describe()}.\n");
        s.Append(c, $"\nCommand: `{commandLine}`\n");
        return s.ToString();
    }

    private static void Row(StringBuilder s, string label, IReadOnlyList<KindResult> results, Func<KindResult, IReadOnlyList<double>> samples, string format = "0")
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        s.Append(c, $"| {label} | ");
        s.Append(string.Join(" | ", results.Select(r =>
        {
            IReadOnlyList<double> v = samples(r);
            return $"**{Median(v).ToString(format, c)}** ({string.Join(", ", v.Select(x => x.ToString(format, c)))})";
        })));
        s.Append(" |\n");
    }

    private static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
