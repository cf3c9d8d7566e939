using System.Diagnostics;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// <c>vrrp_track_process</c> for the daemon. keepalived 2.2.7 scans /proc once and then follows the
/// kernel's process events (netlink connector, cn_proc); that connector exists only in the initial
/// network namespace (in any other, keepalived logs "Failed to set/clear process event listen - errno
/// 111" and never sees a process: every weight-0 instance stays in FAULT). This watcher counts the
/// matching processes by scanning /proc at start and then every <see cref="PollInterval"/>
/// (<see cref="ProcessScan"/>: one <c>getdents64</c> pass and one read of /proc/PID/comm per process, no
/// allocation), which works in any namespace. Quorum changes and keepalived's delays are <see cref="ProcessQuorum"/>'s; changes are
/// posted to the event loop as <see cref="TrackedProcessInput"/>. No thread runs when nothing is tracked.
/// </summary>
internal sealed class TrackProcessWatcher : IDisposable
{
    /// <summary>How often /proc is scanned.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly DaemonInbox _inputs;
    private readonly KeepalivedLog _log;
    private readonly StopSignal _stop;
    private readonly Lock _lock = new();
    private readonly ProcessScan _scan;
    private ProcessQuorum[] _tracked = [];
    private Thread? _thread;
    private bool _scanFailed;

    /// <summary>Creates the stop eventfd (no thread yet).</summary>
    /// <param name="inputs">Where quorum changes go.</param>
    /// <param name="log">Where a failed scan is reported.</param>
    /// <param name="procRoot">The /proc to scan (a test gives a directory laid out like it).</param>
    public TrackProcessWatcher(DaemonInbox inputs, KeepalivedLog log, string procRoot = "/proc")
    {
        _inputs = inputs;
        _log = log;
        _scan = new ProcessScan(procRoot);
        _stop = new StopSignal();
    }

    /// <summary>Scans /proc once and returns a line per tracked process (the quorum to hand the router before it starts, or after a reload).</summary>
    public IReadOnlyList<(string Name, bool HaveQuorum)> Watch(IReadOnlyList<TrackedProcess> processes)
    {
        lock (_lock)
        {
            _tracked = [.. processes.Select(p => new ProcessQuorum(p))];
            _scan.Track(processes);
            if (_tracked.Length == 0)
            {
                return [];
            }

            long[] counts = Scan();
            for (int i = 0; i < _tracked.Length; i++)
            {
                _tracked[i].Initialise(counts[i]);
                if (!_tracked[i].HaveQuorum)
                {
                    _log.Write($"Track process {_tracked[i].Process.Name}: {counts[i]} matching process(es), quorum [{_tracked[i].Process.Quorum}:{QuorumMaxText(_tracked[i].Process)}] not achieved");
                }
            }

            return [.. _tracked.Select(t => (t.Process.Name, t.HaveQuorum))];
        }
    }

    /// <summary>Starts the polling thread (once, and only when something is tracked; a reload that adds tracking starts it then).</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_thread is not null || _tracked.Length == 0)
            {
                return;
            }

            _thread = new Thread(Run) { IsBackground = true, Name = "vrrplab track_process" };
            _thread.Start();
        }
    }

    private static string QuorumMaxText(TrackedProcess p) => p.QuorumMax == uint.MaxValue ? "-" : p.QuorumMax.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long NowMicroseconds() => (long)(Stopwatch.GetTimestamp() * (1_000_000.0 / Stopwatch.Frequency));

    private unsafe void Run()
    {
        Libc.PollFd* fds = stackalloc Libc.PollFd[1];
        long nextScan = NowMicroseconds() + (long)PollInterval.TotalMicroseconds;
        while (!_stop.Raised)
        {
            long now = NowMicroseconds();
            long wake = nextScan;
            lock (_lock)
            {
                foreach (ProcessQuorum q in _tracked)
                {
                    if (q.DueAt is long due && due < wake)
                    {
                        wake = due;
                    }
                }
            }

            long wait = Math.Max(0, wake - now);
            var timeout = new Libc.TimeSpec { Seconds = wait / 1_000_000, Nanoseconds = wait % 1_000_000 * 1000 };
            fds[0] = new Libc.PollFd { Fd = _stop.Fd, Events = Libc.PollIn };
            _ = Libc.PPoll(fds, 1, &timeout, 0);
            if (_stop.Raised)
            {
                return;
            }

            now = NowMicroseconds();
            bool scan = now >= nextScan;
            if (scan)
            {
                nextScan = now + (long)PollInterval.TotalMicroseconds;
            }

            Poll(now, scan);
        }
    }

    /// <summary>
    /// One wake-up of the polling thread at <paramref name="now"/> (microseconds): a scan when due and
    /// the quorum changes it makes, then the delays that expired. Allocation-free unless a change is posted.
    /// </summary>
    internal void Poll(long now, bool scan)
    {
        lock (_lock)
        {
            if (scan)
            {
                long[] counts = Scan();
                bool[] forked = _scan.Forked;
                for (int i = 0; i < _tracked.Length; i++)
                {
                    Post(_tracked[i], _tracked[i].Update(counts[i], forked[i], now));
                }
            }

            foreach (ProcessQuorum q in _tracked)
            {
                Post(q, q.Expire(now));
            }
        }
    }

    /// <summary>The processes the last scan saw (for tests and the log).</summary>
    internal int ProcessesSeen => _scan.Processes;

    private long[] Scan()
    {
        if (_scan.Scan() is string error)
        {
            if (!_scanFailed)
            {
                _log.Write("track_process: " + error);
            }

            _scanFailed = true;
        }
        else
        {
            _scanFailed = false;
        }

        return _scan.Counts;
    }

    private void Post(ProcessQuorum q, bool? change)
    {
        if (change is bool quorum)
        {
            _inputs.Post(new TrackedProcessInput(q.Process.Name, quorum));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Stop(_thread);
        _stop.Dispose();
        _scan.Dispose();
    }
}
