using System.Diagnostics;
using System.Runtime.InteropServices;
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
/// matching processes by scanning /proc at start and then every <see cref="PollInterval"/> (one
/// <c>getdents64</c> pass and one read of /proc/PID/stat per process; /proc/PID/cmdline only for a
/// process not seen before or whose name changed, when a block matches command lines), which works in
/// any namespace. Quorum changes and keepalived's delays are <see cref="ProcessQuorum"/>'s; changes are
/// posted to the event loop as <see cref="TrackedProcessInput"/>. No thread runs when nothing is tracked.
/// </summary>
internal sealed class TrackProcessWatcher : IDisposable
{
    /// <summary>How often /proc is scanned.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private const int ODirectory = 0x10000;
    private const int OCloexec = 0x80000;

    private readonly DaemonInbox _inputs;
    private readonly KeepalivedLog _log;
    private readonly StopSignal _stop;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Seen> _seen = [];
    private readonly byte[] _dents = new byte[32768];
    private readonly byte[] _file = new byte[4096];
    private ProcessQuorum[] _tracked = [];
    private HashSet<int>[] _matching = [];
    private Thread? _thread;
    private int _proc = -1;

    /// <summary>Creates the stop eventfd (no thread yet).</summary>
    public TrackProcessWatcher(DaemonInbox inputs, KeepalivedLog log)
    {
        _inputs = inputs;
        _log = log;
        _stop = new StopSignal();
    }

    /// <summary>Scans /proc once and returns a line per tracked process (the quorum to hand the router before it starts, or after a reload).</summary>
    public IReadOnlyList<(string Name, bool HaveQuorum)> Watch(IReadOnlyList<TrackedProcess> processes)
    {
        lock (_lock)
        {
            _tracked = [.. processes.Select(p => new ProcessQuorum(p))];
            _matching = [.. processes.Select(_ => new HashSet<int>())];
            _seen.Clear();
            if (_tracked.Length == 0)
            {
                return [];
            }

            long[] counts = Scan(out _);
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
            lock (_lock)
            {
                if (now >= nextScan)
                {
                    nextScan = now + (long)PollInterval.TotalMicroseconds;
                    long[] counts = Scan(out bool[] forked);
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
    }

    private void Post(ProcessQuorum q, bool? change)
    {
        if (change is bool quorum)
        {
            _inputs.Post(new TrackedProcessInput(q.Process.Name, quorum));
        }
    }

    /// <summary>
    /// Counts the matching processes of each tracked block; <paramref name="forked"/>: a newly matching
    /// process is the child of one that already matched (keepalived's fork_delay applies to those).
    /// </summary>
    private unsafe long[] Scan(out bool[] forked)
    {
        long[] counts = new long[_tracked.Length];
        forked = new bool[_tracked.Length];
        var now = new HashSet<int>[_tracked.Length];
        for (int i = 0; i < now.Length; i++)
        {
            now[i] = [];
        }

        bool needCmdline = _tracked.Any(t => t.Process.FullCommand);
        if (_proc < 0)
        {
            fixed (byte* path = "/proc\0"u8)
            {
                _proc = Libc.Open(path, ODirectory | OCloexec);
            }

            if (_proc < 0)
            {
                _log.Write("track_process: cannot open /proc - " + Libc.Describe(Marshal.GetLastPInvokeError()));
                return counts;
            }
        }

        _ = Libc.LSeek(_proc, 0, 0);
        var alive = new HashSet<int>();
        var parents = new Dictionary<int, int>();
        while (true)
        {
            nint n;
            fixed (byte* d = _dents)
            {
                n = Libc.GetDents64(_proc, d, (nuint)_dents.Length);
            }

            if (n <= 0)
            {
                break;
            }

            for (int at = 0; at < n;)
            {
                int reclen = BitConverter.ToUInt16(_dents, at + 16);
                int pid = ParsePid(_dents.AsSpan(at + 19));
                at += reclen;
                if (pid <= 0 || ReadStat(pid) is not { } stat)
                {
                    continue;
                }

                alive.Add(pid);
                parents[pid] = stat.Parent;
                bool[] matches;
                if (_seen.TryGetValue(pid, out Seen? seen) && seen.Comm.AsSpan().SequenceEqual(stat.Comm))
                {
                    matches = seen.Matches;
                }
                else
                {
                    ReadOnlySpan<byte> cmdline = needCmdline ? ReadCmdline(pid) : [];
                    matches = new bool[_tracked.Length];
                    for (int i = 0; i < _tracked.Length; i++)
                    {
                        matches[i] = ProcessMatch.Matches(_tracked[i].Process, stat.Comm, cmdline);
                    }

                    _seen[pid] = new Seen(stat.Comm.ToArray(), matches);
                }

                if (stat.Zombie)
                {
                    continue;
                }

                for (int i = 0; i < matches.Length; i++)
                {
                    if (matches[i])
                    {
                        counts[i]++;
                        now[i].Add(pid);
                    }
                }
            }
        }

        foreach (int gone in _seen.Keys.Where(p => !alive.Contains(p)).ToList())
        {
            _ = _seen.Remove(gone);
        }

        for (int i = 0; i < _tracked.Length; i++)
        {
            foreach (int pid in now[i])
            {
                if (!_matching[i].Contains(pid) && parents.TryGetValue(pid, out int parent) && (_matching[i].Contains(parent) || now[i].Contains(parent)))
                {
                    forked[i] = true;
                }
            }

            _matching[i] = now[i];
        }

        return counts;
    }

    private static int ParsePid(ReadOnlySpan<byte> name)
    {
        int pid = 0;
        int i = 0;
        for (; i < name.Length && name[i] != 0; i++)
        {
            if (name[i] is < (byte)'0' or > (byte)'9' || pid > 100_000_000)
            {
                return 0;
            }

            pid = (pid * 10) + (name[i] - '0');
        }

        return i == 0 ? 0 : pid;
    }

    private unsafe int ReadFile(int pid, ReadOnlySpan<byte> leaf)
    {
        Span<byte> path = stackalloc byte[40];
        "/proc/"u8.CopyTo(path);
        int len = 6;
        System.Buffers.Text.Utf8Formatter.TryFormat(pid, path[len..], out int written);
        len += written;
        leaf.CopyTo(path[len..]);
        path[len + leaf.Length] = 0;
        int fd;
        fixed (byte* p = path)
        {
            fd = Libc.Open(p, OCloexec);
        }

        if (fd < 0)
        {
            return -1;
        }

        nint n;
        fixed (byte* b = _file)
        {
            n = Libc.Read(fd, b, (nuint)_file.Length);
        }

        _ = Libc.Close(fd);
        return (int)n;
    }

    /// <summary>/proc/PID/stat: the name between the first '(' and the last ')', the state and the parent.</summary>
    private Stat? ReadStat(int pid)
    {
        int n = ReadFile(pid, "/stat"u8);
        if (n <= 0)
        {
            return null;
        }

        ReadOnlySpan<byte> text = _file.AsSpan(0, n);
        int open = text.IndexOf((byte)'(');
        int close = text.LastIndexOf((byte)')');
        if (open < 0 || close < open || close + 4 >= n)
        {
            return null;
        }

        ReadOnlySpan<byte> rest = text[(close + 2)..];
        bool zombie = rest[0] == (byte)'Z';
        int parent = ParsePid(SpaceToNul(rest[2..]));
        return new Stat(text[(open + 1)..close].ToArray(), zombie, parent);
    }

    private static ReadOnlySpan<byte> SpaceToNul(ReadOnlySpan<byte> s)
    {
        int sp = s.IndexOf((byte)' ');
        return sp < 0 ? s : s[..sp];
    }

    private ReadOnlySpan<byte> ReadCmdline(int pid)
    {
        int n = ReadFile(pid, "/cmdline"u8);
        return n <= 0 ? [] : _file.AsSpan(0, n);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Stop(_thread);
        _stop.Dispose();
        if (_proc >= 0)
        {
            _ = Libc.Close(_proc);
        }
    }

    private sealed record Seen(byte[] Comm, bool[] Matches);

    private sealed record Stat(byte[] Comm, bool Zombie, int Parent);
}
