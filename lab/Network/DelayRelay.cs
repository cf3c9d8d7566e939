using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Lab.Network;

/// <summary>
/// A segment's latency and jitter, done for real: the bridge filter (<see cref="BridgeFilter"/>) hands
/// each copy of a packet the simulator delays (VRRP, ARP, IPv6 neighbour discovery), one copy per output
/// port, to this relay through nfnetlink_log (nftables <c>log group</c>, the whole frame) and drops it;
/// the relay sends the same frame out of that port (an AF_PACKET socket in the segment's namespace)
/// after the segment's latency plus a uniform draw in [0, jitter], in µs, from a stream seeded with the
/// scenario's seed, as the simulator draws it: each receiver's copy has its own delay, and jitter may
/// reorder packets, as in the simulator. Without jitter the order is kept (same delay, FIFO).
/// <para>Why not NFQUEUE or netem: the lab's kernels have neither <c>sch_netem</c> nor nftables'
/// <c>queue</c> expression, and the xtables NFQUEUE target is refused in the bridge and ARP families;
/// nfnetlink_log works in the bridge family for every packet type.</para>
/// <para>Bounded: at most <see cref="MaxPending"/> frames wait (more are dropped and counted); a delay is
/// at most <see cref="MaxDelayUs"/>; the relay's thread stops at <see cref="Dispose"/>; frames still
/// waiting then are dropped (the run is over). Its sockets live in the segment's namespace and go with it.</para>
/// </summary>
public sealed partial class DelayRelay : IDisposable
{
    /// <summary>The nfnetlink_log group of the relay in a segment's namespace (one relay per namespace).</summary>
    public const int Group = 7;

    /// <summary>The most frames waiting at once.</summary>
    public const int MaxPending = 4096;

    /// <summary>The longest delay the relay gives (latency plus jitter).</summary>
    public const long MaxDelayUs = 10_000_000;

    private const int NfnlSubsysUlog = 4;
    private const ushort MsgPacket = NfnlSubsysUlog << 8;
    private const ushort MsgConfig = (NfnlSubsysUlog << 8) | 1;
    private const ushort NlmsgError = 2;
    private const ushort FlagRequest = 1;
    private const ushort FlagAck = 4;
    private const int AttrOutdev = 5;

    /// <summary>NFULA_IFINDEX_PHYSOUTDEV: in the bridge family the output port (NFULA_IFINDEX_OUTDEV is the bridge itself).</summary>
    private const int AttrPhysOutdev = 7;
    private const int AttrPayload = 9;
    private const int AttrHwHeader = 16;
    private const int AttrPacketHeader = 1;
    private const int KeepSamples = 100_000;

    private readonly string _namespace;
    private readonly SimRandom _random;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _ready = new();
    private readonly PriorityQueue<Pending, (long Due, long Seq)> _pending = new();
    private readonly List<long> _latenessUs = [];
    private readonly List<long> _addedUs = [];
    private Delay _delay;
    private Exception? _startError;
    private volatile bool _stop;
    private int _netlink = -1;
    private int _packet = -1;
    private long _seq;
    private long _relayed;
    private long _overflow;
    private long _errors;
    private long _cpuUs;
    private string? _lastError;

    private sealed record Delay(long LatencyUs, long JitterUs);

    private sealed class Pending
    {
        public required byte[] Frame { get; init; }

        public required int Length { get; init; }

        public required int IfIndex { get; init; }

        public required long ReceivedTicks { get; init; }

        public required long DueTicks { get; init; }

        public required ushort Protocol { get; init; }
    }

    private DelayRelay(string ns, string segment, ulong seed, long latencyUs, long jitterUs)
    {
        _namespace = ns;
        _random = SimRandom.ForComponent(seed, "lab/segment/" + segment + "/delay");
        _delay = Checked(latencyUs, jitterUs);
        _thread = new Thread(Loop) { IsBackground = true, Name = "delay relay " + segment };
    }

    /// <summary>
    /// Starts the relay of <paramref name="segment"/> in namespace <paramref name="ns"/>, bound to
    /// <see cref="Group"/>, and returns once it receives (throws <see cref="LabException"/> if it cannot).
    /// </summary>
    public static DelayRelay Start(string ns, string segment, ulong seed, long latencyUs, long jitterUs)
    {
        var relay = new DelayRelay(ns, segment, seed, latencyUs, jitterUs);
        relay._thread.Start();
        if (!relay._ready.Wait(TimeSpan.FromSeconds(10)))
        {
            relay.Dispose();
            throw new LabException($"the delay relay of segment {segment} did not start within 10 s");
        }

        if (relay._startError is { } e)
        {
            relay.Dispose();
            throw e is LabException ? e : new LabException($"the delay relay of segment {segment} cannot start: {e.Message}");
        }

        return relay;
    }

    /// <summary>The delay of frames received from now on (frames already waiting keep theirs, as in the simulator).</summary>
    public void Set(long latencyUs, long jitterUs) => Volatile.Write(ref _delay, Checked(latencyUs, jitterUs));

    /// <summary>What the relay did; complete after <see cref="Dispose"/>.</summary>
    public DelayRelayStats Stats() => new(
        Interlocked.Read(ref _relayed), Interlocked.Read(ref _overflow), Interlocked.Read(ref _errors), _lastError,
        [.. _latenessUs], [.. _addedUs], _cpuUs);

    /// <summary>Stops the relay (bounded) and closes its sockets.</summary>
    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive && !_thread.Join(TimeSpan.FromSeconds(2)))
        {
            _lastError = "the relay's thread did not stop within 2 s";
        }

        CloseSockets();
    }

    private static Delay Checked(long latencyUs, long jitterUs)
    {
        if (latencyUs < 0 || jitterUs < 0 || latencyUs + jitterUs > MaxDelayUs)
        {
            throw new LabException($"the lab delays by 0 to {MaxDelayUs / 1000} ms (latency {latencyUs} us, jitter {jitterUs} us)");
        }

        return new Delay(latencyUs, jitterUs);
    }

    private void CloseSockets()
    {
        if (_netlink >= 0)
        {
            _ = Libc.Close(_netlink);
            _netlink = -1;
        }

        if (_packet >= 0)
        {
            _ = Libc.Close(_packet);
            _packet = -1;
        }
    }

    private void Loop()
    {
        byte[] buffer = GC.AllocateArray<byte>(1 << 18, pinned: true);
        try
        {
            EnterNamespace(_namespace);
            OpenSockets(buffer);
        }
        catch (Exception e)
        {
            _startError = e;
            _ready.Set();
            return;
        }

        _ready.Set();
        try
        {
            Run(buffer);
        }
        catch (Exception e)
        {
            _lastError = e.Message;
            Interlocked.Increment(ref _errors);
        }
        finally
        {
            _cpuUs = ThreadCpuUs();
            foreach ((Pending p, _) in _pending.UnorderedItems)
            {
                ArrayPool<byte>.Shared.Return(p.Frame);
            }

            _pending.Clear();
        }
    }

    private unsafe void Run(byte[] buffer)
    {
        long tick = Stopwatch.Frequency;
        while (!_stop)
        {
            long now = Stopwatch.GetTimestamp();
            while (_pending.TryPeek(out Pending? head, out _) && head.DueTicks <= now)
            {
                _pending.Dequeue();
                SendOut(head);
                now = Stopwatch.GetTimestamp();
            }

            long waitUs = 50_000;
            if (_pending.TryPeek(out Pending? next, out _))
            {
                waitUs = Math.Min(waitUs, Math.Max(0, (next.DueTicks - now) * 1_000_000 / tick));
            }

            if (!WaitReadable(waitUs))
            {
                continue;
            }

            while (true)
            {
                int n;
                fixed (byte* p = buffer)
                {
                    n = (int)Libc.Recv(_netlink, p, (nuint)buffer.Length, Libc.MsgDontWait);
                }

                if (n <= 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (n < 0 && errno != Libc.EAgain && errno != Libc.EIntr)
                    {
                        // ENOBUFS: the kernel dropped log messages; they are lost like a full queue's.
                        Interlocked.Increment(ref _errors);
                        _lastError = "receive: " + Describe(errno);
                        continue;
                    }

                    break;
                }

                Take(buffer.AsSpan(0, n), Stopwatch.GetTimestamp());
            }
        }
    }

    /// <summary>Queues every packet of one netlink datagram, due at <paramref name="received"/> plus its delay.</summary>
    private void Take(ReadOnlySpan<byte> data, long received)
    {
        for (int o = 0; o + 20 <= data.Length;)
        {
            int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[o..]);
            if (len < 16 || o + len > data.Length)
            {
                return;
            }

            if (BinaryPrimitives.ReadUInt16LittleEndian(data[(o + 4)..]) == MsgPacket)
            {
                TakePacket(data.Slice(o + 20, len - 20), received);
            }

            o += Align(len);
        }
    }

    private void TakePacket(ReadOnlySpan<byte> attrs, long received)
    {
        int outdev = 0, port = 0;
        ushort protocol = 0;
        ReadOnlySpan<byte> hw = default;
        ReadOnlySpan<byte> payload = default;
        for (int a = 0; a + 4 <= attrs.Length;)
        {
            int alen = BinaryPrimitives.ReadUInt16LittleEndian(attrs[a..]);
            int type = BinaryPrimitives.ReadUInt16LittleEndian(attrs[(a + 2)..]) & 0x3fff;
            if (alen < 4 || a + alen > attrs.Length)
            {
                break;
            }

            ReadOnlySpan<byte> v = attrs.Slice(a + 4, alen - 4);
            switch (type)
            {
                case AttrOutdev when v.Length >= 4:
                    outdev = (int)BinaryPrimitives.ReadUInt32BigEndian(v);
                    break;
                case AttrPhysOutdev when v.Length >= 4:
                    port = (int)BinaryPrimitives.ReadUInt32BigEndian(v);
                    break;
                case AttrPacketHeader when v.Length >= 2:
                    protocol = BinaryPrimitives.ReadUInt16BigEndian(v);
                    break;
                case AttrHwHeader:
                    hw = v;
                    break;
                case AttrPayload:
                    payload = v;
                    break;
            }

            a += Align(alen);
        }

        // Sent out of the bridge port it was logged for, to that port's host only. (Sent out of the bridge
        // device, NFULA_IFINDEX_OUTDEV, a copy would be flooded to every port, the sender's included: each
        // receiver got one copy per receiving port, the earliest of several delays, and the bridge's own
        // capture saw the copies go out, delayed.)
        outdev = port != 0 ? port : outdev;
        if (outdev == 0 || hw.Length != 14 || payload.IsEmpty)
        {
            Interlocked.Increment(ref _errors);
            _lastError = $"a logged packet without its output port or Ethernet header (outdev {outdev}, header {hw.Length} bytes)";
            return;
        }

        if (_pending.Count >= MaxPending)
        {
            Interlocked.Increment(ref _overflow);
            return;
        }

        Delay d = Volatile.Read(ref _delay);
        long delayUs = d.LatencyUs + _random.UpTo(d.JitterUs);
        byte[] frame = ArrayPool<byte>.Shared.Rent(hw.Length + payload.Length);
        hw.CopyTo(frame);
        payload.CopyTo(frame.AsSpan(hw.Length));
        long due = received + (delayUs * Stopwatch.Frequency / 1_000_000);
        var p = new Pending { Frame = frame, Length = hw.Length + payload.Length, IfIndex = outdev, ReceivedTicks = received, DueTicks = due, Protocol = protocol };
        _pending.Enqueue(p, (due, _seq++));
    }

    private unsafe void SendOut(Pending p)
    {
        // struct sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8].
        byte* sll = stackalloc byte[20];
        new Span<byte>(sll, 20).Clear();
        *(ushort*)sll = Libc.AfPacket;
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(sll + 2, 2), p.Protocol);
        *(int*)(sll + 4) = p.IfIndex;
        sll[11] = 6;
        nint sent;
        fixed (byte* f = p.Frame)
        {
            new Span<byte>(f, 6).CopyTo(new Span<byte>(sll + 12, 6));
            sent = Libc.SendTo(_packet, f, (nuint)p.Length, 0, sll, 20);
        }

        long at = Stopwatch.GetTimestamp();
        ArrayPool<byte>.Shared.Return(p.Frame);
        if (sent < 0)
        {
            Interlocked.Increment(ref _errors);
            _lastError = $"send on port {p.IfIndex}: {Describe(Marshal.GetLastPInvokeError())}";
            return;
        }

        Interlocked.Increment(ref _relayed);
        if (_latenessUs.Count < KeepSamples)
        {
            _latenessUs.Add((at - p.DueTicks) * 1_000_000 / Stopwatch.Frequency);
            _addedUs.Add((at - p.ReceivedTicks) * 1_000_000 / Stopwatch.Frequency);
        }
    }

}

/// <summary>What a <see cref="DelayRelay"/> did.</summary>
/// <param name="Relayed">Frames sent out after their delay.</param>
/// <param name="Overflow">Frames dropped because <see cref="DelayRelay.MaxPending"/> were waiting.</param>
/// <param name="Errors">Frames or receives that failed.</param>
/// <param name="LastError">The last failure, if any.</param>
/// <param name="LatenessUs">Per frame (the first 100,000): send time minus due time, in µs.</param>
/// <param name="AddedUs">Per frame: send time minus the time the relay received it, in µs.</param>
/// <param name="CpuUs">CPU time of the relay's thread, in µs (-1 when unknown).</param>
public sealed record DelayRelayStats(long Relayed, long Overflow, long Errors, string? LastError, long[] LatenessUs, long[] AddedUs, long CpuUs);
