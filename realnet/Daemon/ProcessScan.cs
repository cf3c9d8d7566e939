using System.Runtime.InteropServices;
using VrrpLab.Engine.Configuration;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// One pass over /proc counting the processes that match each <c>vrrp_track_process</c> block, for
/// <see cref="TrackProcessWatcher"/>. Cheap because it runs every second: no allocation in steady
/// state (the directory read with <c>getdents64</c> into a reused buffer, every file read into
/// another, one reused entry per process kept across scans), and per process only
/// <c>/proc/PID/comm</c> (the name, which the kernel prints without taking the task's locks or summing
/// its threads' times as it does for <c>stat</c>), opened relative to the /proc directory. A process
/// is read further only when it matters: <c>cmdline</c> when its name is new or changed and a block
/// matches command lines, <c>stat</c> (state and parent) only while it matches a block (a zombie does
/// not count; a new match whose parent matched is a fork, for <c>fork_delay</c>).
/// </summary>
internal sealed class ProcessScan : IDisposable
{
    private const int MaxComm = 64;

    private readonly string _root;
    private readonly byte[] _dents = new byte[32768];
    private readonly byte[] _file = new byte[4096];
    private readonly Dictionary<int, Entry> _entries = [];
    private readonly Stack<Entry> _free = new();
    private TrackedProcess[] _tracked = [];
    private bool _needCmdline;
    private int _generation;
    private int _proc = -1;

    /// <summary>Scans <paramref name="root"/> (/proc; a test points it at a directory laid out like it).</summary>
    public ProcessScan(string root = "/proc") => _root = root;

    /// <summary>Matching processes per block at the last scan (not zombies).</summary>
    public long[] Counts { get; private set; } = [];

    /// <summary>Per block: at the last scan a newly matching process was the child of one that matched.</summary>
    public bool[] Forked { get; private set; } = [];

    /// <summary>Processes seen at the last scan.</summary>
    public int Processes => _entries.Count;

    /// <summary>Starts over with these blocks (what was seen is forgotten: every process is matched again).</summary>
    public void Track(IReadOnlyList<TrackedProcess> processes)
    {
        _tracked = [.. processes];
        _needCmdline = processes.Any(p => p.FullCommand);
        _entries.Clear();
        _free.Clear();
        Counts = new long[_tracked.Length];
        Forked = new bool[_tracked.Length];
    }

    /// <summary>Scans once, filling <see cref="Counts"/> and <see cref="Forked"/>; the error text when the directory cannot be opened.</summary>
    public unsafe string? Scan()
    {
        Array.Clear(Counts);
        Array.Clear(Forked);
        if (_proc < 0)
        {
            byte[] path = System.Text.Encoding.UTF8.GetBytes(_root + "\0");
            fixed (byte* p = path)
            {
                _proc = Libc.Open(p, Libc.OpenDirectoryCloexec);
            }

            if (_proc < 0)
            {
                return "cannot open " + _root + " - " + Libc.Describe(Marshal.GetLastPInvokeError());
            }
        }

        _generation++;
        _ = Libc.LSeek(_proc, 0, 0);
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
                int reclen = _dents[at + 16] | (_dents[at + 17] << 8);
                int pid = ParsePid(_dents.AsSpan(at + 19));
                at += reclen;
                if (pid > 0)
                {
                    See(pid);
                }
            }
        }

        FindForks();
        return null;
    }

    private void See(int pid)
    {
        int n = Read(pid, "/comm"u8);
        if (n <= 0)
        {
            return; // gone since the directory was read
        }

        ReadOnlySpan<byte> comm = _file.AsSpan(0, Math.Min(n - (_file[n - 1] == (byte)'\n' ? 1 : 0), MaxComm));
        bool fresh = !_entries.TryGetValue(pid, out Entry? e);
        if (e is null)
        {
            e = _free.Count > 0 ? _free.Pop() : new Entry(_tracked.Length);
            _entries[pid] = e;
        }

        if (fresh || !comm.SequenceEqual(e.Comm.AsSpan(0, e.CommLength)))
        {
            comm.CopyTo(e.Comm);
            e.CommLength = comm.Length;
            ReadOnlySpan<byte> cmdline = _needCmdline ? ReadCmdline(pid) : [];
            bool any = false;
            for (int i = 0; i < _tracked.Length; i++)
            {
                e.Matches[i] = ProcessMatch.Matches(_tracked[i], e.Comm.AsSpan(0, e.CommLength), cmdline);
                any |= e.Matches[i];
            }

            e.MatchesAny = any;
        }

        e.Generation = _generation;
        bool zombie = false;
        e.Parent = 0;
        if (e.MatchesAny && ReadStat(pid, out bool z, out int parent))
        {
            zombie = z;
            e.Parent = parent;
        }

        for (int i = 0; i < _tracked.Length; i++)
        {
            e.CountedBefore[i] = !fresh && e.Counted[i];
            e.Counted[i] = e.Matches[i] && !zombie;
            if (e.Counted[i])
            {
                Counts[i]++;
            }
        }
    }

    /// <summary>A newly counted process whose parent was counted (before or now) is a fork; then the processes not seen any more are dropped.</summary>
    private void FindForks()
    {
        foreach (Entry e in _entries.Values)
        {
            if (e.Generation != _generation || !e.MatchesAny || !_entries.TryGetValue(e.Parent, out Entry? parent))
            {
                continue;
            }

            bool parentSeen = parent.Generation == _generation;
            for (int i = 0; i < _tracked.Length; i++)
            {
                bool parentCounted = parentSeen ? parent.Counted[i] || parent.CountedBefore[i] : parent.Counted[i];
                if (e.Counted[i] && !e.CountedBefore[i] && parentCounted)
                {
                    Forked[i] = true;
                }
            }
        }

        foreach ((int pid, Entry e) in _entries)
        {
            if (e.Generation != _generation)
            {
                _ = _entries.Remove(pid); // allowed while enumerating (.NET Core 3.0 and later)
                _free.Push(e);
            }
        }
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

    /// <summary>Reads PID/LEAF (relative to the open /proc) into the file buffer; its length, or -1.</summary>
    private unsafe int Read(int pid, ReadOnlySpan<byte> leaf)
    {
        Span<byte> path = stackalloc byte[32];
        System.Buffers.Text.Utf8Formatter.TryFormat(pid, path, out int len);
        leaf.CopyTo(path[len..]);
        path[len + leaf.Length] = 0;
        int fd;
        fixed (byte* p = path)
        {
            fd = Libc.OpenAt(_proc, p, Libc.OpenReadCloexec);
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

    /// <summary>PID/stat: the state after the name's last ')' and the parent after it.</summary>
    private bool ReadStat(int pid, out bool zombie, out int parent)
    {
        zombie = false;
        parent = 0;
        int n = Read(pid, "/stat"u8);
        if (n <= 0)
        {
            return false;
        }

        ReadOnlySpan<byte> text = _file.AsSpan(0, n);
        int close = text.LastIndexOf((byte)')');
        if (close < 0 || close + 4 >= n)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = text[(close + 2)..];
        zombie = rest[0] == (byte)'Z';
        ReadOnlySpan<byte> ppid = rest[2..];
        int space = ppid.IndexOf((byte)' ');
        parent = ParsePid(space < 0 ? ppid : ppid[..space]);
        return true;
    }

    private ReadOnlySpan<byte> ReadCmdline(int pid)
    {
        int n = Read(pid, "/cmdline"u8);
        return n <= 0 ? [] : _file.AsSpan(0, n);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_proc >= 0)
        {
            _ = Libc.Close(_proc);
            _proc = -1;
        }
    }

    /// <summary>What a scan keeps of one process, reused from scan to scan (and for the next new process once it is gone).</summary>
    private sealed class Entry(int blocks)
    {
        public byte[] Comm { get; } = new byte[MaxComm];

        public int CommLength { get; set; }

        public bool[] Matches { get; } = new bool[blocks];

        public bool MatchesAny { get; set; }

        public bool[] Counted { get; } = new bool[blocks];

        public bool[] CountedBefore { get; } = new bool[blocks];

        public int Parent { get; set; }

        public int Generation { get; set; }
    }
}
