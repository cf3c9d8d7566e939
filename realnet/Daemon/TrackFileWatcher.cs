using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// <c>track_file</c> for the daemon, as keepalived 2.2.7 does it (track_file.c): <c>init_file</c>
/// writes the file at start, the file's directory is watched with inotify (IN_CLOSE_WRITE, IN_DELETE,
/// IN_MOVE: a writer's close or a rename into place is a change, a deletion or a rename away means 0),
/// and each change is read (at most 127 bytes, <c>strtol(buf, NULL, 0)</c>: decimal, 0x hex or 0 octal,
/// anything else 0) and posted to the event loop as a <see cref="TrackedFileInput"/>. The thread sleeps
/// in <c>ppoll</c> on the inotify descriptor and a stop eventfd: an idle daemon never wakes for it.
/// </summary>
internal sealed class TrackFileWatcher : IDisposable
{
    private const uint InCloseWrite = 0x8;
    private const uint InMovedFrom = 0x40;
    private const uint InMovedTo = 0x80;
    private const uint InDelete = 0x200;
    private const uint InIsDir = 0x40000000;

    private readonly DaemonInbox _inputs;
    private readonly KeepalivedLog _log;
    private readonly int _inotify;
    private readonly StopSignal _stop;
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private List<Watched> _watched = [];
    private bool _started;

    /// <summary>Creates the inotify descriptor (no watch yet).</summary>
    public TrackFileWatcher(DaemonInbox inputs, KeepalivedLog log)
    {
        _inputs = inputs;
        _log = log;
        _inotify = Libc.InotifyInit1(Libc.EventFdFlags); // IN_CLOEXEC | IN_NONBLOCK: the same values
        if (_inotify < 0)
        {
            throw new DaemonStartupException("inotify: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        _stop = new StopSignal();
        _thread = new Thread(Run) { IsBackground = true, Name = "vrrplab track_file" };
    }

    /// <summary>
    /// Watches the tracked files of a configuration (at start, or after a reload: then an existing file
    /// is never overwritten) and returns their current values, which the caller hands the router.
    /// </summary>
    public IReadOnlyList<(string Name, long Value)> Watch(IReadOnlyList<TrackedFile> files, bool reload)
    {
        var watched = new List<Watched>();
        var values = new List<(string, long)>();
        foreach (TrackedFile f in files)
        {
            Initialise(f, reload);
            string path = Path.GetFullPath(f.Path);
            string? dir = Path.GetDirectoryName(path);
            if (dir is null || !Directory.Exists(dir))
            {
                _log.Write($"Track file directory for {f.Name} does not exist - removing");
                continue;
            }

            int wd = Libc.InotifyAddWatch(_inotify, dir, InCloseWrite | InDelete | InMovedFrom | InMovedTo);
            if (wd < 0)
            {
                _log.Write($"track file {f.Name} is not accessible - ignoring ({Libc.Describe(Marshal.GetLastPInvokeError())})");
                continue;
            }

            watched.Add(new Watched(wd, Path.GetFileName(path), f.Name, path));
            if (ReadValue(path) is long v)
            {
                values.Add((f.Name, v));
            }
        }

        lock (_lock)
        {
            _watched = watched;
        }

        return values;
    }

    /// <summary>Starts the watching thread.</summary>
    public void Start()
    {
        _thread.Start();
        _started = true;
    }

    /// <summary>
    /// keepalived's <c>strtol(buf, NULL, 0)</c> on a tracked file's bytes: blanks, a sign, then decimal,
    /// 0x hexadecimal or 0 octal digits up to the first other character; no digits is 0. Null for a
    /// number outside [-2^31, 2^31] (keepalived logs "Invalid number" and keeps the previous value).
    /// </summary>
    public static long? ParseValue(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v')
        {
            i++;
        }

        bool negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }

        int radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is (byte)'x' or (byte)'X' && i + 2 < text.Length && Digit(text[i + 2], 16) >= 0)
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            radix = 8;
        }

        long value = 0;
        for (; i < text.Length && Digit(text[i], radix) is int d and >= 0; i++)
        {
            value = (value * radix) + d;
            if (value > (long)int.MaxValue + 1)
            {
                return null;
            }
        }

        value = negative ? -value : value;
        return value < int.MinValue ? null : value;
    }

    private static int Digit(byte b, int radix)
    {
        int d = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
        return d < radix ? d : -1;
    }

    /// <summary>The file's value: 0 when it is missing, unreadable or empty; null when keepalived would ignore it.</summary>
    private long? ReadValue(string path)
    {
        Span<byte> buffer = stackalloc byte[127];
        int n;
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, Options = FileOptions.None });
            n = stream.Read(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        long? v = ParseValue(buffer[..n]);
        if (v is null)
        {
            _log.Write($"Invalid number {Encoding.ASCII.GetString(buffer[..n]).Trim()} read from {path} - ignoring");
        }

        return v;
    }

    /// <summary><c>init_file [VALUE] [overwrite]</c>: create the file (or overwrite it at start, never on a reload).</summary>
    private void Initialise(TrackedFile f, bool reload)
    {
        if (f.InitValue is not long value)
        {
            return;
        }

        if (File.Exists(f.Path) && (!f.Overwrite || reload))
        {
            return;
        }

        if (Directory.Exists(f.Path))
        {
            _log.Write($"Cannot initialise track file {f.Name} - it is not a regular file");
            return;
        }

        try
        {
            File.WriteAllText(f.Path, value.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Write($"Unable to initialise track file {f.Name}");
        }
    }

    private unsafe void Run()
    {
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        byte[] buffer = new byte[4096];
        while (!_stop.Raised)
        {
            fds[0] = new Libc.PollFd { Fd = _inotify, Events = Libc.PollIn };
            fds[1] = new Libc.PollFd { Fd = _stop.Fd, Events = Libc.PollIn };
            if (Libc.PPoll(fds, 2, null, 0) < 0 || _stop.Raised || (fds[0].ReturnedEvents & Libc.PollIn) == 0)
            {
                continue;
            }

            nint len;
            fixed (byte* p = buffer)
            {
                len = Libc.Read(_inotify, p, (nuint)buffer.Length);
            }

            for (int at = 0; at + 16 <= len;)
            {
                int wd = BitConverter.ToInt32(buffer, at);
                uint mask = BitConverter.ToUInt32(buffer, at + 4);
                int nameLength = BitConverter.ToInt32(buffer, at + 12);
                string name = Encoding.UTF8.GetString(buffer, at + 16, nameLength).TrimEnd('\0');
                at += 16 + nameLength;
                if ((mask & InIsDir) != 0)
                {
                    continue;
                }

                List<Watched> watched;
                lock (_lock)
                {
                    watched = _watched;
                }

                foreach (Watched w in watched)
                {
                    if (w.Wd != wd || !string.Equals(w.FileName, name, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if ((mask & (InMovedFrom | InDelete)) != 0)
                    {
                        _inputs.Post(new TrackedFileInput(w.Track, 0));
                    }
                    else if (ReadValue(w.FullPath) is long v)
                    {
                        _inputs.Post(new TrackedFileInput(w.Track, v));
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Stop(_started ? _thread : null);
        _stop.Dispose();
        _ = Libc.Close(_inotify);
    }

    private sealed record Watched(int Wd, string FileName, string Track, string FullPath);
}
