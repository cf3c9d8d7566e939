using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// How a watcher's <c>Dispose</c> stops its thread while it blocks in <c>ppoll</c>: a flag the thread
/// checks after every wake-up, and an eventfd it polls beside its own descriptor, written once to
/// wake it (<see cref="LinkMonitor"/>, <see cref="TrackFileWatcher"/>, <see cref="TrackProcessWatcher"/>).
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly SafeFileDescriptor _eventFd;
    private volatile bool _raised;

    /// <summary>Creates the eventfd (close-on-exec, non-blocking).</summary>
    /// <exception cref="DaemonStartupException">The kernel refused an eventfd.</exception>
    public StopSignal()
    {
        int fd = Libc.EventFd(0, Libc.EventFdFlags);
        if (fd < 0)
        {
            throw new DaemonStartupException("eventfd: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        _eventFd = new SafeFileDescriptor(fd);
    }

    /// <summary>The eventfd to poll for <c>POLLIN</c>; open until <see cref="Dispose"/>.</summary>
    public int Fd => _eventFd.Number;

    /// <summary>Whether the thread must end.</summary>
    public bool Raised => _raised;

    /// <summary>
    /// Raises the signal, wakes <paramref name="thread"/> (null: never started) and waits up to 2 s for
    /// it to end.
    /// </summary>
    public unsafe void Stop(Thread? thread)
    {
        _raised = true;
        if (thread is not null)
        {
            ulong one = 1;
            _ = Libc.Write(_eventFd.Number, (byte*)&one, sizeof(ulong));
            _ = thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Closes the eventfd (after <see cref="Stop"/>).</summary>
    public void Dispose() => _eventFd.Dispose();
}
