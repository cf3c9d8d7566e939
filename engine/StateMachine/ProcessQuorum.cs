using VrrpLab.Engine.Configuration;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The quorum of one tracked process as keepalived 2.2.7 keeps it (track_process.c): the count of
/// matching processes, and the quorum state the instances see. Entering [quorum, quorum_max] counts at
/// once (cancelling a pending <c>terminate_delay</c>), or after <c>fork_delay</c> when a tracked process
/// forked; leaving it counts after <c>terminate_delay</c> (or at once, cancelling a pending fork timer).
/// A timer's expiry takes the state of the count then. Times are microseconds on any monotonic clock.
/// The daemon counts processes in /proc; the simulator takes the counts from a scenario's <c>process</c> actions.
/// </summary>
public sealed class ProcessQuorum(TrackedProcess process)
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
