
namespace VrrpLab.RealNet.Bench;

/// <summary>
/// The CPU a set of processes used between two snapshots, counted two ways: /proc/PID/stat's
/// utime + stime (clock ticks of 10 ms, the whole process including threads that ended), and the
/// scheduler's own nanosecond run time of every thread (/proc/PID/task/TID/schedstat, first field),
/// with the threads' context switches (/proc/PID/task/TID/status): how often they woke up.
/// An idle daemon uses a few ms a minute, below what ticks can tell apart (0.02 % of a core over
/// 60 s is 12 ms, one tick more or less is 0.017 %), so the nanosecond count is the one to compare.
/// </summary>
public sealed class ProcessCpu
{
    /// <summary>Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100.0;

    private readonly int[] _pids;
    private readonly long _ticks;
    private readonly Dictionary<int, (long RunNs, long Switches)> _threads;
    private readonly TimeSpan _at;

    private ProcessCpu(int[] pids)
    {
        _pids = pids;
        _at = Tests.Fixtures.MonotonicClock.Now;
        _ticks = pids.Sum(Ticks);
        _threads = Threads(pids);
    }

    /// <summary>The counters of <paramref name="pids"/> now.</summary>
    public static ProcessCpu Snapshot(params int[] pids) => new(pids);

    /// <summary>What the processes used since this snapshot.</summary>
    public Usage Since()
    {
        double seconds = (Tests.Fixtures.MonotonicClock.Now - _at).TotalSeconds;
        long ticks = _pids.Sum(Ticks) - _ticks;
        Dictionary<int, (long RunNs, long Switches)> now = Threads(_pids);
        long ns = 0, switches = 0;
        foreach ((int tid, (long runNs, long sw)) in now)
        {
            // A thread born during the sample counts from zero; one that ended is missing from both sums.
            (long runNs0, long sw0) = _threads.TryGetValue(tid, out var before) ? before : (0, 0);
            ns += runNs - runNs0;
            switches += sw - sw0;
        }

        int ended = _threads.Keys.Count(t => !now.ContainsKey(t));
        return new Usage(
            100.0 * ticks / TicksPerSecond / seconds,
            100.0 * ns / 1e9 / seconds,
            switches / seconds,
            now.Count,
            ended,
            seconds);
    }

    /// <summary>CPU used over a sample.</summary>
    /// <param name="TicksPercent">utime + stime, % of one core (10 ms resolution).</param>
    /// <param name="PrecisePercent">The scheduler's run time of the threads, % of one core (ns resolution).</param>
    /// <param name="WakeupsPerSecond">Context switches of all threads (voluntary + involuntary) per second.</param>
    /// <param name="Threads">Threads at the end of the sample, all processes.</param>
    /// <param name="EndedThreads">Threads that ended during the sample (their share is missing from the precise figure).</param>
    /// <param name="Seconds">The sample's length.</param>
    public sealed record Usage(double TicksPercent, double PrecisePercent, double WakeupsPerSecond, int Threads, int EndedThreads, double Seconds);

    private static long Ticks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
    }

    private static Dictionary<int, (long RunNs, long Switches)> Threads(int[] pids)
    {
        var threads = new Dictionary<int, (long, long)>();
        foreach (int pid in pids)
        {
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    long runNs = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                    long switches = 0;
                    foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            switches += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                        }
                    }

                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (runNs, switches);
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read.
                }
            }
        }

        return threads;
    }
}
