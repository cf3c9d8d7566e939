using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket (libc AF_NETLINK): synchronous requests with acknowledgements, or
/// a subscription to link notifications. Not thread-safe: one owner at a time.
/// </summary>
internal sealed class RouteNetlinkSocket : IDisposable
{
    private readonly int _fd;
    private readonly byte[] _buffer = new byte[65536];
    private uint _sequence;
    private bool _disposed;

    private RouteNetlinkSocket(int fd) => _fd = fd;

    /// <summary>Opens a socket; with <paramref name="subscribeLinks"/> it also receives RTNLGRP_LINK notifications.</summary>
    /// <param name="subscribeLinks">Join the link notification group.</param>
    /// <param name="receiveTimeout">Receive timeout, so a reader thread can notice it should stop.</param>
    public static RouteNetlinkSocket Open(bool subscribeLinks = false, TimeSpan? receiveTimeout = null)
    {
        int fd = Libc.Socket(Libc.AfNetlink, Libc.SockRaw | Libc.SockCloexec, Libc.NetlinkRoute);
        if (fd < 0)
        {
            throw new DaemonStartupException("cannot open an rtnetlink socket: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        // RTMGRP_LINK (bitmask 1 = group RTNLGRP_LINK) when subscribing; bind in any case so the
        // socket has its own port id.
        int err = Libc.BindNetlink(fd, subscribeLinks ? 1u << (RtNetlink.GroupLink - 1) : 0u);

        if (err == 0 && receiveTimeout is { } t)
        {
            Span<byte> tv = stackalloc byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(tv, (long)t.TotalSeconds);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(tv[8..], t.Microseconds + (t.Milliseconds * 1000L));
            err = Libc.SetBytesOption(fd, Libc.SolSocket, Libc.SoRcvTimeo, tv);
        }

        if (err != 0)
        {
            _ = Libc.Close(fd);
            throw new DaemonStartupException("cannot set up the rtnetlink socket: " + Libc.Describe(err));
        }

        return new RouteNetlinkSocket(fd);
    }

    /// <summary>The socket's file descriptor (to wait on it with poll).</summary>
    public int Fd => _fd;

    /// <summary>The next request sequence number.</summary>
    public uint NextSequence() => ++_sequence;

    /// <summary>Sends a request built with NLM_F_ACK and waits for its acknowledgement.</summary>
    /// <returns>0 on success, else the errno (EEXIST, EADDRNOTAVAIL, EPERM, ...).</returns>
    public int Request(byte[] request, uint sequence)
    {
        int sent = SendRaw(request);
        if (sent != 0)
        {
            return sent;
        }

        while (true)
        {
            int n = ReceiveRaw(out int errno);
            if (n < 0)
            {
                return errno;
            }

            if (NetlinkReply.TryFindAck(_buffer.AsSpan(0, n), sequence, out int ackErrno))
            {
                return ackErrno;
            }
        }
    }

    /// <summary>Dumps every link (RTM_GETLINK with NLM_F_DUMP).</summary>
    public List<LinkStatus> DumpLinks() => Dump(RtNetlink.GetLink, NetlinkReply.ReadLinks);

    /// <summary>Dumps every address of every interface (RTM_GETADDR with NLM_F_DUMP), IPv4 and IPv6.</summary>
    public List<InterfaceAddress> DumpAddresses() => Dump(RtNetlink.GetAddr, NetlinkReply.ReadAddresses);

    private delegate List<T> ReplyReader<T>(ReadOnlySpan<byte> datagram);

    private List<T> Dump<T>(ushort type, ReplyReader<T> read)
    {
        uint seq = NextSequence();
        byte[] request = new byte[RtNetlink.HeaderLength + 16];
        AddressRequest.WriteHeader(request, request.Length, type, RtNetlink.FlagRequest | RtNetlink.FlagDump, seq);
        var items = new List<T>();
        if (SendRaw(request) != 0)
        {
            return items;
        }

        while (true)
        {
            int n = ReceiveRaw(out _);
            if (n <= 0)
            {
                return items;
            }

            ReadOnlySpan<byte> data = _buffer.AsSpan(0, n);
            items.AddRange(read(data));
            if (ContainsType(data, RtNetlink.Done) || ContainsType(data, RtNetlink.Error))
            {
                return items;
            }
        }
    }

    /// <summary>Waits for notifications; returns the links they describe, or an empty list on timeout.</summary>
    public List<LinkStatus> ReceiveLinkNotifications()
    {
        int n = ReceiveRaw(out _);
        return n > 0 ? NetlinkReply.ReadLinks(_buffer.AsSpan(0, n)) : [];
    }

    private static bool ContainsType(ReadOnlySpan<byte> data, ushort wanted)
    {
        int offset = 0;
        while (offset + RtNetlink.HeaderLength <= data.Length)
        {
            int length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
            if (System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + 4)..]) == wanted)
            {
                return true;
            }

            if (length < RtNetlink.HeaderLength)
            {
                return false;
            }

            offset += RtNetlink.Align(length);
        }

        return false;
    }

    private unsafe int SendRaw(byte[] request)
    {
        fixed (byte* p = request)
        {
            while (true)
            {
                nint r = Libc.Send(_fd, p, (nuint)request.Length, 0);
                if (r >= 0)
                {
                    return 0;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.EIntr)
                {
                    return errno;
                }
            }
        }
    }

    private unsafe int ReceiveRaw(out int errno)
    {
        fixed (byte* p = _buffer)
        {
            while (true)
            {
                nint r = Libc.Recv(_fd, p, (nuint)_buffer.Length, 0);
                if (r >= 0)
                {
                    errno = 0;
                    return (int)r;
                }

                errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.EIntr)
                {
                    return -1;
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _ = Libc.Close(_fd);
        }
    }
}
