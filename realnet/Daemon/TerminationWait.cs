using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// The main thread's wait once the daemon runs: a <c>ppoll</c> on a stop eventfd that lets through
/// SIGTERM only (every other signal stays blocked while it sleeps). The kernel hands a
/// process-directed signal to the main thread whenever that thread does not block it, so SIGTERM
/// interrupts this wait directly (EINTR, after the runtime's own handler ran on this thread), without
/// the runtime's relay through its signal thread, a new thread for the registrations and the host's
/// stop sequence: the caller wakes the event loop at once, and the priority-0 advert leaves within
/// about 0.1 ms of the signal instead of several ms (measured in docs/realnet-bench.md).
/// </summary>
/// <remarks>
/// Nothing is taken from the runtime: its handler still runs and forwards SIGTERM to the registrations
/// (the host's stop follows as before: systemd's STOPPING=1, the exit code). A SIGTERM that comes while
/// the thread is not in this wait takes that usual path. Because only SIGTERM is unblocked during the
/// wait, an interrupted wait can only mean SIGTERM (SIGINT, SIGHUP and the rest reach the runtime's
/// handler on another thread, as before).
/// </remarks>
internal sealed class TerminationWait : IDisposable
{
    /// <summary>sigset_t of glibc: 1024 bits.</summary>
    private const int SignalSetBytes = 128;

    private readonly int _stopFd;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Why <see cref="Wait"/> returned.</summary>
    public enum Outcome
    {
        /// <summary>SIGTERM interrupted the wait.</summary>
        Signalled,

        /// <summary><see cref="Release"/> was called (the host is stopping for another reason).</summary>
        Released,

        /// <summary>ppoll failed (the descriptor was closed): the caller falls back to its usual wait.</summary>
        Failed,

        /// <summary>The timeout given to <see cref="Wait"/> passed first.</summary>
        TimedOut,
    }

    /// <summary>Creates the stop eventfd.</summary>
    public TerminationWait()
    {
        _stopFd = Libc.EventFd(0, Libc.EventFdFlags);
        if (_stopFd < 0)
        {
            throw new DaemonStartupException("eventfd: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }
    }

    /// <summary>
    /// Blocks until SIGTERM reaches this thread (<see cref="Outcome.Signalled"/>) or
    /// <see cref="Release"/> is called (<see cref="Outcome.Released"/>), or <paramref name="timeout"/> passes
    /// (<see cref="Outcome.TimedOut"/>; null: no timeout). Meant for the process's main thread.
    /// </summary>
    public unsafe Outcome Wait(TimeSpan? timeout = null)
    {
        byte* mask = stackalloc byte[SignalSetBytes];
        new Span<byte>(mask, SignalSetBytes).Fill(0xFF);
        Unblock(mask, Libc.SigTerm);
        Libc.TimeSpec limit = default;
        if (timeout is { } t)
        {
            long ns = Math.Max(0, (long)t.TotalNanoseconds);
            limit = new Libc.TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        }

        Libc.PollFd fd = new() { Fd = _stopFd, Events = Libc.PollIn };
        int r = Libc.PPoll(&fd, 1, timeout is null ? null : &limit, (nint)mask);
        return r > 0 ? Outcome.Released
            : r == 0 ? Outcome.TimedOut
            : Marshal.GetLastPInvokeError() == Libc.EIntr ? Outcome.Signalled
            : Outcome.Failed;
    }

    /// <summary>Makes <see cref="Wait"/> return <see cref="Outcome.Released"/> (now or when next called). Any thread; harmless after <see cref="Dispose"/>.</summary>
    public unsafe void Release()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                ulong one = 1;
                _ = Libc.Write(_stopFd, (byte*)&one, sizeof(ulong));
            }
        }
    }

    private static unsafe void Unblock(byte* mask, int signal) => mask[(signal - 1) / 8] &= (byte)~(1 << ((signal - 1) % 8));

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _ = Libc.Close(_stopFd);
            }
        }
    }
}
