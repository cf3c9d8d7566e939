using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>
/// Issue 14's measurement: a MASTER (priority 100) with a BACKUP (50) of the same implementation (what an
/// operator deploys: a keepalived pair, a vrrplab pair), VRRPv2 PASS, advert_int 1;
/// the spare host x runs <c>vrrplab flood</c> at a rate for a while. Measured over the flood: the MASTER's
/// CPU (all its processes, from /proc), the largest gap between its adverts on its cable (tcpdump on its
/// bridge port), the BACKUP's takeovers, and what the generator really sent.
/// </summary>
public static class FloodRun
{
    private const double TicksPerSecond = 100.0;

    /// <summary>One measurement.</summary>
    /// <param name="Kind">The MASTER's implementation.</param>
    /// <param name="FloodKind">garbage, wrong_auth or wrong_version.</param>
    /// <param name="Rate">Datagrams per second asked.</param>
    /// <param name="SentPerSecond">Datagrams per second the generator sent.</param>
    /// <param name="CpuPercent">The MASTER's CPU over the flood, % of one core.</param>
    /// <param name="LargestGapMs">The largest gap between the MASTER's adverts during the flood.</param>
    /// <param name="Adverts">The MASTER's adverts during the flood.</param>
    /// <param name="Takeovers">Times the BACKUP became MASTER during the flood.</param>
    /// <param name="Seconds">The flood's length.</param>
    /// <param name="LargestSendGapMs">The largest gap between the MASTER's adverts as its thread handed them to its own interface
    /// (tcpdump inside its namespace): the send times, before the veth and the bridge.</param>
    public sealed record Result(PeerKind Kind, string FloodKind, int Rate, double SentPerSecond, double CpuPercent, double LargestGapMs, int Adverts, int Takeovers, double Seconds, double LargestSendGapMs = double.NaN);

    /// <summary>Floods a fresh pair whose MASTER is <paramref name="kind"/>.</summary>
    public static Result Measure(PeerKind kind, string floodKind, int rate, TimeSpan duration)
    {
        using PeerPair pair = PeerPair.Create(kind, Spec(100), kind, Spec(50));
        pair.StartAndElect();
        Thread.Sleep(TimeSpan.FromSeconds(6)); // past start-up work (JIT tiering, the second GARP burst at 5 s)
        using PacketCapture capture = PacketCapture.Start(pair.Lan, pair.High.Host, $"ip proto 112 and src host {pair.High.Host.Address}");
        using PacketCapture own = PacketCapture.StartInHost(pair.Lan, pair.High.Host, $"ip proto 112 and src host {pair.High.Host.Address}");
        int[] pids = pair.High is KeepalivedPeer k && k.VrrpChildPid is int child ? [pair.High.Pid, child] : [pair.High.Pid];
        int mark = pair.Low.Log.Count;

        long ticksBefore = pids.Sum(CpuTicks);
        TimeSpan from = MonotonicClock.Now;
        DateTimeOffset wallStart = DateTimeOffset.UtcNow;
        CommandResult flood = pair.Spare.Exec(DaemonLocator.Command[0],
            [.. DaemonLocator.Command.Skip(1), "flood", "--netns", pair.Spare.Namespace, "--dev", pair.Spare.Interface, "--vrid", "51",
             "--rate", rate.ToString(CultureInfo.InvariantCulture), "--for", $"{duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s",
             "--kind", floodKind, "--cluster-pass", "vlpass1"],
            duration + TimeSpan.FromSeconds(30));
        long ticksAfter = pids.Sum(CpuTicks);
        double seconds = (MonotonicClock.Now - from).TotalSeconds;
        DateTimeOffset wallEnd = DateTimeOffset.UtcNow;
        flood.EnsureSuccess();
        if (!pair.High.IsRunning)
        {
            throw new FixtureException($"{pair.High.Describe()} exited during the flood\n{pair.High.Log.Tail()}");
        }

        Thread.Sleep(TimeSpan.FromSeconds(1));
        IReadOnlyList<DateTimeOffset> adverts = capture.StopAndReadFrameTimes("vrrp");
        var during = adverts.Where(t => t >= wallStart && t <= wallEnd).ToList();
        double largestGapMs = LargestGap(during, wallStart, wallEnd);
        double largestSendGapMs = LargestGap(own.StopAndReadFrameTimes("vrrp"), wallStart, wallEnd);
        int takeovers = pair.Low.Log.Since(mark).Count(l => VrrpPeer.EnteringMaster(pair.Instance).IsMatch(l.Text));
        long sent = long.Parse(System.Text.RegularExpressions.Regex.Match(flood.StdOut, @"sent (\d+) datagrams").Groups[1].Value, CultureInfo.InvariantCulture);
        return new Result(kind, floodKind, rate, sent / seconds, 100.0 * (ticksAfter - ticksBefore) / TicksPerSecond / seconds, largestGapMs, during.Count, takeovers, seconds, largestSendGapMs);
    }

    /// <summary>The largest interval between consecutive times within [from, to], the bounds included.</summary>
    private static double LargestGap(IReadOnlyList<DateTimeOffset> times, DateTimeOffset from, DateTimeOffset to)
    {
        var bounded = times.Where(t => t >= from && t <= to).Prepend(from).Append(to).ToList();
        return bounded.Zip(bounded.Skip(1), (a, b) => (b - a).TotalMilliseconds).Max();
    }

    private static VrrpInstanceSpec Spec(int priority) => new() { Priority = priority, Version = 2, AuthPass = "vlpass1" };

    private static long CpuTicks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
    }
}
