using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.RealNet.Native;
using VrrpLab.RealNet.Time;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// The event loop's input queue: receivers, the link monitor and script runs post inputs from
/// their own threads; the loop thread takes them one at a time and sleeps until the next input or
/// timer deadline. The sleep is a <c>ppoll</c> on an eventfd (inputs) and a timerfd (the next
/// deadline), like keepalived's epoll and timerfd loop: a timerfd fires within the thread's timer
/// slack (50 us) of its deadline, whereas a poll timeout gets 0.1% of itself as slack (1 ms late for
/// a 1 s advert interval, measured), and a posted input wakes the loop at once without a
/// thread-pool hop. Each input is stamped with the instant it was posted (the event loop's clock), so the
/// loop can handle it before any timer that fell due after it arrived, however late the loop itself
/// woke: an advert that reached a BACKUP before its Master_Down timer expired keeps it BACKUP, as in
/// keepalived, whose read handlers run before the timers that expired in the same wake-up.
/// </summary>
internal sealed class DaemonInbox : IDisposable
{
    private readonly ConcurrentQueue<(RouterInput Input, Instant PostedAt)> _queue = new();
    private readonly MonotonicClock _clock;
    private readonly int _eventFd;
    private readonly int _timerFd;
    private readonly Lock _fdLock = new();
    private bool _disposed;

    /// <summary>Creates the queue and its eventfd; inputs are stamped on <paramref name="clock"/> (the event loop's).</summary>
    public DaemonInbox(MonotonicClock clock)
    {
        _clock = clock;
        _eventFd = Libc.EventFd(0, Libc.EventFdFlags);
        _timerFd = Libc.TimerFdCreate(Libc.ClockMonotonic, Libc.EventFdFlags); // TFD_CLOEXEC | TFD_NONBLOCK: same values
        if (_eventFd < 0 || _timerFd < 0)
        {
            throw new DaemonStartupException("eventfd/timerfd: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }
    }

    /// <summary>Queues an input, stamped with the instant it was posted, and wakes the loop. Thread-safe.</summary>
    public void Post(RouterInput input)
    {
        _queue.Enqueue((input, _clock.Now));
        Wake();
    }

    /// <summary>Wakes the loop without an input (e.g. to stop). Harmless after <see cref="Dispose"/>.</summary>
    public unsafe void Wake()
    {
        // Under the lock so that a late post never writes to a closed (and maybe reused) fd.
        lock (_fdLock)
        {
            if (_disposed)
            {
                return;
            }

            ulong one = 1;
            _ = Libc.Write(_eventFd, (byte*)&one, sizeof(ulong));
        }
    }

    /// <summary>Takes the oldest input, if any.</summary>
    public bool TryTake(out RouterInput? input) => TryTake(out input, out _);

    /// <summary>Takes the oldest input, if any, with the instant it was posted.</summary>
    public bool TryTake(out RouterInput? input, out Instant postedAt)
    {
        if (_queue.TryDequeue(out var item))
        {
            (input, postedAt) = item;
            return true;
        }

        (input, postedAt) = (null, default);
        return false;
    }

    /// <summary>Sleeps until an input is posted or <paramref name="timeout"/> passes (null: no timer set).</summary>
    public unsafe void Wait(Duration? timeout)
    {
        if (!_queue.IsEmpty)
        {
            return;
        }

        // it_interval = 0, it_value = the timeout (all zero disarms: no timer set).
        Libc.TimeSpec* spec = stackalloc Libc.TimeSpec[2];
        spec[0] = default;
        spec[1] = default;
        if (timeout is { } t)
        {
            long us = Math.Max(1, t.Microseconds);
            spec[1] = new Libc.TimeSpec { Seconds = us / 1_000_000, Nanoseconds = us % 1_000_000 * 1000 };
        }

        _ = Libc.TimerFdSetTime(_timerFd, 0, spec, null);
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        fds[0] = new Libc.PollFd { Fd = _eventFd, Events = Libc.PollIn };
        fds[1] = new Libc.PollFd { Fd = _timerFd, Events = Libc.PollIn };
        _ = Libc.PPoll(fds, 2, null, 0);

        // Only the eventfd's counter needs a read (non-blocking) to reset it, and only when it fired: the next
        // timerfd_settime resets the timer's expiry count. An idle MASTER's wake-up is then ppoll, its
        // advert's sendto and the timer's re-arming: three system calls a second (a fourth and fifth, reads
        // that found nothing, went).
        if ((fds[0].ReturnedEvents & Libc.PollIn) != 0)
        {
            ulong counter;
            _ = Libc.Read(_eventFd, (byte*)&counter, sizeof(ulong));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_fdLock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _ = Libc.Close(_eventFd);
                _ = Libc.Close(_timerFd);
            }
        }
    }
}
