using System.Net;
using System.Runtime.InteropServices;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Wire;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Native;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// The receive path of one VRRP socket, the same for IPv4 and IPv6: a dedicated thread sleeps in
/// <c>ppoll</c> on the socket and a stop eventfd, reads every queued datagram in batches
/// (<see cref="VrrpReceiveBatch"/>, <c>recvmmsg</c>), judges each one on the engine's
/// <see cref="PacketScreen"/> straight from the receive buffer, and queues for the event loop only
/// what the engine must act on. Everything else is counted and logged (at most one line per reason
/// per 10 s) without allocating: a flood costs the kernel's filter, one system call per batch and a
/// few comparisons per datagram, and never reaches the event loop.
/// </summary>
/// <remarks>
/// What must reach the engine: a valid advert, and under <see cref="PacketPolicy.Keepalived"/> any
/// packet naming an instance (keepalived restarts a MASTER's advert timer for it; the engine decides
/// and logs). A drop that names no instance, or a packet from our own address, can never touch a
/// timer under either policy.
/// Under <see cref="PacketPolicy.Hardened"/> the thread runs at SCHED_RR 1, like the event loop: the
/// inbox stamps each advert when this thread posts it, and the loop handles it before any timer due
/// after that stamp, so on a loaded host a time-sharing receive thread would otherwise let a BACKUP's
/// Master_Down timer overtake an advert that had already arrived (keepalived, one thread, reads it
/// first). The flood path stays cheap at that priority: a batch per system call and a 1 ms nap.
/// </remarks>
internal sealed class VrrpReceiver : IDisposable
{
    private static readonly long LogWindowMs = 10_000;

    /// <summary>Two wake-ups that both dropped something within this long of each other mean a flood.</summary>
    private static readonly long FloodWindowTicks = System.Diagnostics.Stopwatch.Frequency / 100;

    /// <summary>How long the hardened receive thread naps after a wake-up during a flood, so the next read finds a batch.</summary>
    public static readonly TimeSpan FloodNap = TimeSpan.FromMilliseconds(1);

    private readonly VrrpSocket _socket;
    private volatile PacketScreen _screen;
    private readonly PacketPolicy _policy;
    private readonly DaemonInbox _inbox;
    private readonly DaemonCounters _counters;
    private readonly KeepalivedLog _log;
    private readonly SafeFileDescriptor _stop;
    private readonly long[] _lastLogged = new long[Enum.GetValues<AdvertDropReason>().Length + 1];
    private readonly long[] _suppressed = new long[Enum.GetValues<AdvertDropReason>().Length + 1];
    private Thread? _thread;
    private IPAddress? _lastSource;
    private IPAddress? _lastDestination;
    private long _lastDropWake = long.MinValue / 2;
    private bool _disposed;

    public VrrpReceiver(VrrpSocket socket, PacketScreen screen, PacketPolicy policy, DaemonInbox inbox, DaemonCounters counters, KeepalivedLog log)
    {
        _socket = socket;
        _screen = screen;
        _policy = policy;
        _inbox = inbox;
        _counters = counters;
        _log = log;
        int fd = Libc.EventFd(0, Libc.EventFdFlags);
        if (fd < 0)
        {
            throw new DaemonStartupException("eventfd: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        _stop = new SafeFileDescriptor(fd);
        Array.Fill(_lastLogged, long.MinValue);
    }

    /// <summary>The socket.</summary>
    public VrrpSocket Socket => _socket;

    /// <summary>The engine's screen packets are judged on; a configuration reload replaces it (any thread).</summary>
    public PacketScreen Screen
    {
        get => _screen;
        set => _screen = value;
    }

    /// <summary>Starts the receive thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = $"vrrplab rx {_socket.InterfaceName} {(_socket.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "v6" : "v4")}",
        };
        _thread.Start();
    }

    /// <summary>Whether <paramref name="verdict"/> must go to the engine under <paramref name="policy"/>.</summary>
    public static bool MustReachEngine(PacketVerdict verdict, PacketPolicy policy) =>
        verdict.IsValid
        || (policy == PacketPolicy.Keepalived && verdict.NamesInstance && verdict.Reason != AdvertDropReason.OwnAddress);

    private unsafe void Run()
    {
        if (_policy == PacketPolicy.Hardened)
        {
            _ = RealtimeScheduling.TryApplyToCurrentThread();
        }

        using SafeFileDescriptor.Lease socket = _socket.Descriptor.Acquire();
        using SafeFileDescriptor.Lease stop = _stop.Acquire();
        using var batch = new VrrpReceiveBatch(_socket.Family);
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        while (true)
        {
            fds[0] = new Libc.PollFd { Fd = socket.Number, Events = Libc.PollIn };
            fds[1] = new Libc.PollFd { Fd = stop.Number, Events = Libc.PollIn };
            if (Libc.PPoll(fds, 2, null, 0) < 0 && Marshal.GetLastPInvokeError() != Libc.EIntr)
            {
                return;
            }

            if ((fds[1].ReturnedEvents & Libc.PollIn) != 0)
            {
                return;
            }

            // Drain the queue, a batch per system call.
            int n, dropped = 0;
            while ((n = batch.Receive(socket.Number)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    dropped += Handle(batch, i) ? 0 : 1;
                }

                if (n < batch.Capacity)
                {
                    break;
                }
            }

            if (dropped > 0 && _policy == PacketPolicy.Hardened && NapIfFlooded(stop.Number))
            {
                return;
            }
        }
    }

    /// <summary>
    /// During a flood (drops on two wake-ups within 10 ms) the thread naps 1 ms before it polls again,
    /// so each wake-up reads a batch instead of one datagram: at 20,000 datagrams/s that is about 20 per
    /// <c>recvmmsg</c> instead of a <c>ppoll</c>, a <c>recvmmsg</c> and a context switch per datagram.
    /// A valid advert queued meanwhile reaches the engine at most 1 ms later, only while a flood lasts
    /// (the kernel queues up to 1 MiB meanwhile). True when the stop eventfd fired.
    /// </summary>
    private unsafe bool NapIfFlooded(int stop)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        bool flooded = now - _lastDropWake < FloodWindowTicks;
        _lastDropWake = now;
        if (!flooded)
        {
            return false;
        }

        _counters.CountFloodNap();
        Libc.PollFd fd = new() { Fd = stop, Events = Libc.PollIn };
        Libc.TimeSpec nap = new() { Seconds = 0, Nanoseconds = (long)FloodNap.TotalNanoseconds };
        return Libc.PPoll(&fd, 1, &nap, 0) > 0 && (fd.ReturnedEvents & Libc.PollIn) != 0;
    }

    /// <summary>Judges one datagram; true when it went to the engine, false when it was dropped here.</summary>
    private bool Handle(VrrpReceiveBatch batch, int index)
    {
        _counters.CountReceived();
        if (!batch.TryGet(index, out ReceivedDatagram d))
        {
            _counters.CountMalformed();
            if (MayLog(_lastLogged.Length - 1, out long held))
            {
                _log.Write(Suffix($"discarded malformed datagram ({batch.LengthOf(index)} bytes) on {_socket.InterfaceName}", held));
            }

            return false;
        }

        PacketVerdict verdict = _screen.Screen(_socket.InterfaceName, d.Source, d.Destination, d.Ttl, d.Payload);
        if (MustReachEngine(verdict, _policy))
        {
            _inbox.Post(new PacketInput(_socket.InterfaceName, Address(d.Source, ref _lastSource), Address(d.Destination, ref _lastDestination), d.Ttl, d.Payload.ToArray()));
            return true;
        }

        if (verdict.Reason == AdvertDropReason.OwnAddress)
        {
            _counters.CountFromOwnAddress();
        }
        else
        {
            _counters.CountScreened(verdict.Reason);
        }

        if (MayLog((int)verdict.Reason, out long suppressed))
        {
            string text = verdict.Reason == AdvertDropReason.OwnAddress
                ? $"discarded packet from our own address {new IPAddress(d.Source)} on {_socket.InterfaceName} (spoofed?)"
                : _screen.Describe(verdict, d.Payload, d.Ttl) + $" from {new IPAddress(d.Source)}";
            _log.Write(Suffix(text, suppressed));
        }

        return false;
    }

    private static string Suffix(string text, long suppressed) =>
        suppressed > 0 ? $"{text} ({suppressed} similar suppressed)" : text;

    /// <summary>At most one line per key per 10 s; <paramref name="suppressed"/> counts the lines held back.</summary>
    private bool MayLog(int key, out long suppressed)
    {
        long now = Environment.TickCount64;
        if (_lastLogged[key] != long.MinValue && now - _lastLogged[key] < LogWindowMs)
        {
            _suppressed[key]++;
            suppressed = 0;
            return false;
        }

        suppressed = _suppressed[key];
        _suppressed[key] = 0;
        _lastLogged[key] = now;
        return true;
    }

    /// <summary>The address for <paramref name="bytes"/>, reusing the last one when it is the same (one peer sends most packets).</summary>
    private static IPAddress Address(ReadOnlySpan<byte> bytes, ref IPAddress? last)
    {
        Span<byte> cached = stackalloc byte[16];
        if (last is not null && last.TryWriteBytes(cached, out int n) && cached[..n].SequenceEqual(bytes))
        {
            return last;
        }

        return last = new IPAddress(bytes);
    }

    /// <summary>Stops the thread (within a second) and closes the stop eventfd; the socket is its owner's.</summary>
    public unsafe void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_thread is not null)
        {
            using (SafeFileDescriptor.Lease stop = _stop.Acquire())
            {
                ulong one = 1;
                _ = Libc.Write(stop.Number, (byte*)&one, sizeof(ulong));
            }

            _thread.Join(TimeSpan.FromSeconds(1));
        }

        _stop.Dispose();
    }
}
