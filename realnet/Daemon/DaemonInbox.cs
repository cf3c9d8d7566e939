using System.Collections.Concurrent;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// The event loop's input queue: receivers, the link monitor and script runs post inputs from
/// their own threads; the loop thread takes them one at a time and sleeps on it until the next
/// input or timer deadline (a futex wait on the loop's own thread, no thread-pool hop, so a
/// carrier loss is acted on within microseconds).
/// </summary>
internal sealed class DaemonInbox : IDisposable
{
    private readonly ConcurrentQueue<RouterInput> _queue = new();
    private readonly AutoResetEvent _signal = new(false);

    /// <summary>Queues an input and wakes the loop. Thread-safe.</summary>
    public void Post(RouterInput input)
    {
        _queue.Enqueue(input);
        Wake();
    }

    /// <summary>Wakes the loop without an input (e.g. to stop).</summary>
    public void Wake()
    {
        try
        {
            _signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // A late script result after the daemon stopped: nobody is listening any more.
        }
    }

    /// <summary>Takes the oldest input, if any.</summary>
    public bool TryTake(out RouterInput? input) => _queue.TryDequeue(out input);

    /// <summary>
    /// Sleeps until an input is posted or <paramref name="timeout"/> passes (null: no timer set).
    /// The timeout is rounded up to whole milliseconds (the wait's resolution) so the loop does not
    /// spin; <see cref="Time.TimerPolicy.EarlyTolerance"/> covers the difference.
    /// </summary>
    public void Wait(Duration? timeout)
    {
        if (!_queue.IsEmpty)
        {
            return;
        }

        if (timeout is not { } t)
        {
            _signal.WaitOne();
            return;
        }

        long ms = Math.Max(0, (t.Microseconds + 999) / 1000);
        _signal.WaitOne(ms > int.MaxValue ? int.MaxValue : (int)ms);
    }

    /// <inheritdoc/>
    public void Dispose() => _signal.Dispose();
}
