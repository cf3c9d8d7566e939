using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.Lab.Network;

/// <summary>The relay's netlink side: binding the nfnetlink_log group and its configuration messages.</summary>
public sealed partial class DelayRelay
{
    private unsafe void OpenSockets(byte[] buffer)
    {
        _netlink = Libc.Socket(Libc.AfNetlink, Libc.SockRaw | Libc.SockCloexec, Libc.NetlinkNetfilter);
        if (_netlink < 0)
        {
            throw new LabException("cannot open a netfilter netlink socket: " + Describe(Marshal.GetLastPInvokeError()));
        }

        _ = Libc.SetIntOption(_netlink, Libc.SolSocket, Libc.SoRcvBufForce, 8 << 20);
        int bindError = Libc.BindNetlink(_netlink, groups: 0);
        if (bindError != 0)
        {
            throw new LabException("cannot bind the netfilter netlink socket: " + Describe(bindError));
        }

        // Bind the log group, then ask for whole packets, each sent at once (threshold 1, no timeout).
        Configure(buffer, 1, [(1, [1])]);
        Configure(buffer, 2, [(2, [0, 0, 0xff, 0xff, 2, 0]), (5, [0, 0, 0, 1]), (4, [0, 0, 0, 0])]);

        // Sending only: protocol 0 receives nothing.
        _packet = Libc.Socket(Libc.AfPacket, Libc.SockRaw | Libc.SockCloexec, 0);
        if (_packet < 0)
        {
            throw new LabException("cannot open a packet socket: " + Describe(Marshal.GetLastPInvokeError()));
        }
    }

    /// <summary>Sends one NFULNL_MSG_CONFIG with <paramref name="attrs"/> and waits for its acknowledgement.</summary>
    private unsafe void Configure(byte[] buffer, uint seq, (ushort Type, byte[] Value)[] attrs)
    {
        int length = 20 + attrs.Sum(a => Align(4 + a.Value.Length));
        byte[] msg = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(msg, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(msg.AsSpan(4), MsgConfig);
        BinaryPrimitives.WriteUInt16LittleEndian(msg.AsSpan(6), FlagRequest | FlagAck);
        BinaryPrimitives.WriteUInt32LittleEndian(msg.AsSpan(8), seq);
        msg[16] = 0; // AF_UNSPEC
        msg[17] = 0; // NFNETLINK_V0
        BinaryPrimitives.WriteUInt16BigEndian(msg.AsSpan(18), Group);
        int offset = 20;
        foreach ((ushort type, byte[] value) in attrs)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(msg.AsSpan(offset), (ushort)(4 + value.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(msg.AsSpan(offset + 2), type);
            value.CopyTo(msg.AsSpan(offset + 4));
            offset += Align(4 + value.Length);
        }

        fixed (byte* p = msg)
        {
            if (Libc.Send(_netlink, p, (nuint)msg.Length, 0) < 0)
            {
                throw new LabException("cannot configure nfnetlink_log: " + Describe(Marshal.GetLastPInvokeError()));
            }
        }

        long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (!WaitReadable(100_000))
            {
                continue;
            }

            int n;
            fixed (byte* p = buffer)
            {
                n = (int)Libc.Recv(_netlink, p, (nuint)buffer.Length, Libc.MsgDontWait);
            }

            if (n < 0)
            {
                continue;
            }

            for (int o = 0; o + 16 <= n;)
            {
                int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(o));
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(o + 4));
                uint s = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(o + 8));
                if (type == NlmsgError && s == seq && len >= 20)
                {
                    int err = -BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(o + 16));
                    if (err != 0)
                    {
                        throw new LabException($"nfnetlink_log refused the relay's configuration (group {Group}): {Describe(err)}");
                    }

                    return;
                }

                if (len < 16)
                {
                    break;
                }

                o += Align(len);
            }
        }

        throw new LabException("nfnetlink_log did not acknowledge the relay's configuration within 5 s");
    }

    private unsafe bool WaitReadable(long timeoutUs)
    {
        Libc.PollFd fd = new() { Fd = _netlink, Events = Libc.PollIn };
        Libc.TimeSpec ts = new() { Seconds = timeoutUs / 1_000_000, Nanoseconds = timeoutUs % 1_000_000 * 1000 };
        int r = Libc.PPoll(&fd, 1, &ts, 0);
        return r > 0 && (fd.ReturnedEvents & Libc.PollIn) != 0;
    }

    private static int Align(int n) => (n + 3) & ~3;

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static unsafe partial int GetRUsage(int who, long* usage);

    /// <summary>CPU time (user + system) of the calling thread, in µs.</summary>
    private static unsafe long ThreadCpuUs()
    {
        long* ru = stackalloc long[18];
        return GetRUsage(1 /* RUSAGE_THREAD */, ru) == 0 ? (ru[0] * 1_000_000) + ru[1] + (ru[2] * 1_000_000) + ru[3] : -1;
    }
}
