using System.Text;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Whether a process matches a <c>vrrp_track_process</c> (keepalived 2.2.7 track_process.c,
/// <c>check_process</c> and <c>check_params</c>): its name (<c>comm</c>) equals the configured process,
/// or with <c>full_command</c> the first word of its command line (argv[0]) does; configured parameters
/// are then compared with the rest of the command line, word by word: exactly, as its first words
/// (<c>partial</c>), or with the last configured word a prefix of the process's (<c>initial</c>).
/// </summary>
internal static class ProcessMatch
{
    /// <summary>Whether a process with name <paramref name="comm"/> and NUL-separated command line <paramref name="cmdline"/> matches <paramref name="p"/>.</summary>
    public static bool Matches(TrackedProcess p, ReadOnlySpan<byte> comm, ReadOnlySpan<byte> cmdline)
    {
        if (!p.FullCommand)
        {
            return Equal(comm, p.Process);
        }

        int end = cmdline.IndexOf((byte)0);
        ReadOnlySpan<byte> argv0 = end < 0 ? cmdline : cmdline[..end];
        if (!Equal(argv0, p.Process))
        {
            return false;
        }

        if (p.Match == ParamMatch.None)
        {
            return true;
        }

        // keepalived keeps the words NUL-terminated: "a\0b\0"; the kernel's cmdline ends with a NUL too.
        ReadOnlySpan<byte> actual = end < 0 ? [] : cmdline[(end + 1)..];
        byte[] wanted = Encoding.UTF8.GetBytes(p.Parameters.IsDefaultOrEmpty ? "" : string.Concat(p.Parameters.Select(w => w + "\0")));
        if (p.Match == ParamMatch.Exact && wanted.Length == 0 && actual.Length == 0)
        {
            return true;
        }

        if (actual.Length < wanted.Length)
        {
            return false;
        }

        return p.Match switch
        {
            ParamMatch.Exact => actual.SequenceEqual(wanted),
            ParamMatch.Partial => actual[..wanted.Length].SequenceEqual(wanted),
            _ => wanted.Length <= 1 || actual[..(wanted.Length - 1)].SequenceEqual(wanted.AsSpan(0, wanted.Length - 1)),
        };
    }

    private static bool Equal(ReadOnlySpan<byte> bytes, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        int n = Encoding.UTF8.GetByteCount(text);
        return n <= buffer.Length ? bytes.SequenceEqual(buffer[..Encoding.UTF8.GetBytes(text, buffer)]) : bytes.SequenceEqual(Encoding.UTF8.GetBytes(text));
    }
}

/// <summary>
/// The quorum of one tracked process as keepalived 2.2.7 keeps it (track_process.c): the count of
/// matching processes, and the quorum state the instances see. Entering [quorum, quorum_max] counts at
/// once (cancelling a pending <c>terminate_delay</c>), or after <c>fork_delay</c> when a tracked process
/// forked; leaving it counts after <c>terminate_delay</c> (or at once, cancelling a pending fork timer).
/// A timer's expiry takes the state of the count then. Times are microseconds on any monotonic clock.
/// </summary>
internal sealed class ProcessQuorum(TrackedProcess process)
{
    /// <summary>The block.</summary>
    public TrackedProcess Process { get; } = process;

    /// <summary>Matching processes at the last update.</summary>
    public long Count { get; private set; }

    /// <summary>The quorum state the instances see.</summary>
    public bool HaveQuorum { get; private set; } = process.HasQuorum(0);

    /// <summary>When a pending fork_delay or terminate_delay expires; null when none is pending.</summary>
    public long? DueAt { get; private set; }

    /// <summary>Sets the first count (the initial scan): the state follows it, no delay.</summary>
    public void Initialise(long count)
    {
        Count = count;
        HaveQuorum = Process.HasQuorum(count);
        DueAt = null;
    }

    /// <summary>
    /// The count is now <paramref name="count"/> (<paramref name="forked"/>: a new process is a child of
    /// a tracked one). Returns the new quorum state when the instances must be told.
    /// </summary>
    public bool? Update(long count, bool forked, long nowMicroseconds)
    {
        bool before = Process.HasQuorum(Count);
        Count = count;
        bool after = Process.HasQuorum(count);
        if (before == after)
        {
            return null;
        }

        bool timerPending = DueAt is not null;
        DueAt = null;
        if (after)
        {
            if (timerPending)
            {
                // A pending terminate_delay is cancelled: the quorum was never seen lost.
                return Set(true);
            }

            if (forked && Process.ForkDelay.Microseconds > 0)
            {
                DueAt = nowMicroseconds + Process.ForkDelay.Microseconds;
                return null;
            }

            return Set(true);
        }

        if (!timerPending && Process.TerminateDelay.Microseconds > 0)
        {
            DueAt = nowMicroseconds + Process.TerminateDelay.Microseconds;
            return null;
        }

        return Set(false);
    }

    /// <summary>A pending delay expired by <paramref name="nowMicroseconds"/>: the state of the count now, when it changed.</summary>
    public bool? Expire(long nowMicroseconds)
    {
        if (DueAt is not long due || nowMicroseconds < due)
        {
            return null;
        }

        DueAt = null;
        return Set(Process.HasQuorum(Count));
    }

    private bool? Set(bool quorum)
    {
        if (quorum == HaveQuorum)
        {
            return null;
        }

        HaveQuorum = quorum;
        return quorum;
    }
}
