using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Native;

/// <summary>
/// The libc calls .NET does not offer, declared once for the whole tree: .NET refuses
/// <c>new Socket(InterNetwork, Raw, 112)</c> and has no AF_NETLINK or AF_PACKET, so those descriptors
/// are created here and wrapped or used directly. The daemon uses them, and so do the lab (its delay
/// relay, signals and nice value) and the namespace test fixtures, through InternalsVisibleTo
/// (realnet/VrrpLab.RealNet.csproj). A few calls that one type alone makes are private imports beside
/// it (e.g. getpwnam, stat).
/// </summary>
internal static partial class Libc
{
    /// <summary>AF_INET.</summary>
    public const int AfInet = 2;

    /// <summary>AF_INET6.</summary>
    public const int AfInet6 = 10;

    /// <summary>AF_NETLINK.</summary>
    public const int AfNetlink = 16;

    /// <summary>AF_PACKET.</summary>
    public const int AfPacket = 17;

    /// <summary>SOCK_RAW.</summary>
    public const int SockRaw = 3;

    /// <summary>SOCK_CLOEXEC.</summary>
    public const int SockCloexec = 0x80000;

    /// <summary>IP protocol number of VRRP (RFC 3768 section 5.2.4).</summary>
    public const int IpProtoVrrp = VrrpLab.Engine.Wire.VrrpWire.Protocol;

    /// <summary>NETLINK_ROUTE.</summary>
    public const int NetlinkRoute = 0;

    /// <summary>NETLINK_NETFILTER (the lab's delay relay: nfnetlink_log).</summary>
    public const int NetlinkNetfilter = 12;

    /// <summary>SOL_SOCKET.</summary>
    public const int SolSocket = 1;

    /// <summary>SO_RCVTIMEO (struct timeval).</summary>
    public const int SoRcvTimeo = 20;

    /// <summary>SO_BINDTODEVICE.</summary>
    public const int SoBindToDevice = 25;

    /// <summary>SO_ATTACH_FILTER: a classic BPF program the kernel runs on every datagram before queueing it.</summary>
    public const int SoAttachFilter = 26;

    /// <summary>SO_RCVBUF.</summary>
    public const int SoRcvBuf = 8;

    /// <summary>SO_RCVBUFFORCE: SO_RCVBUF past rmem_max (CAP_NET_ADMIN).</summary>
    public const int SoRcvBufForce = 33;

    /// <summary>MSG_TRUNC (in msg_flags: the datagram was longer than the buffer).</summary>
    public const int MsgTrunc = 0x20;

    /// <summary>MSG_DONTWAIT.</summary>
    public const int MsgDontWait = 0x40;

    /// <summary>IPPROTO_IP.</summary>
    public const int IpProtoIp = 0;

    /// <summary>IP_TTL.</summary>
    public const int IpTtl = 2;

    /// <summary>IP_HDRINCL: we write the IPv4 header ourselves, as keepalived does.</summary>
    public const int IpHdrIncl = 3;

    /// <summary>IP_MULTICAST_IF.</summary>
    public const int IpMulticastIf = 32;

    /// <summary>IP_MULTICAST_TTL.</summary>
    public const int IpMulticastTtl = 33;

    /// <summary>IP_MULTICAST_LOOP.</summary>
    public const int IpMulticastLoop = 34;

    /// <summary>IP_ADD_MEMBERSHIP.</summary>
    public const int IpAddMembership = 35;

    /// <summary>IPPROTO_IPV6.</summary>
    public const int IpProtoIpv6 = 41;

    /// <summary>IPPROTO_ICMPV6.</summary>
    public const int IpProtoIcmpv6 = 58;

    /// <summary>IPV6_UNICAST_HOPS.</summary>
    public const int Ipv6UnicastHops = 16;

    /// <summary>IPV6_MULTICAST_IF.</summary>
    public const int Ipv6MulticastIf = 17;

    /// <summary>IPV6_MULTICAST_HOPS.</summary>
    public const int Ipv6MulticastHops = 18;

    /// <summary>IPV6_MULTICAST_LOOP.</summary>
    public const int Ipv6MulticastLoop = 19;

    /// <summary>IPV6_ADD_MEMBERSHIP (IPV6_JOIN_GROUP).</summary>
    public const int Ipv6AddMembership = 20;

    /// <summary>IPV6_RECVPKTINFO.</summary>
    public const int Ipv6RecvPktInfo = 49;

    /// <summary>IPV6_PKTINFO (control message type).</summary>
    public const int Ipv6PktInfo = 50;

    /// <summary>IPV6_RECVHOPLIMIT.</summary>
    public const int Ipv6RecvHopLimit = 51;

    /// <summary>IPV6_HOPLIMIT (control message type).</summary>
    public const int Ipv6HopLimit = 52;

    /// <summary>SOL_NETLINK.</summary>
    public const int SolNetlink = 270;

    /// <summary>NETLINK_ADD_MEMBERSHIP.</summary>
    public const int NetlinkAddMembership = 1;

    /// <summary>EINTR.</summary>
    public const int EIntr = 4;

    /// <summary>EAGAIN / EWOULDBLOCK.</summary>
    public const int EAgain = 11;

    /// <summary>EPERM.</summary>
    public const int EPerm = 1;

    /// <summary>EACCES.</summary>
    public const int EAcces = 13;

    /// <summary>EEXIST.</summary>
    public const int EExist = 17;

    /// <summary>ENODEV.</summary>
    public const int ENoDev = 19;

    /// <summary>EADDRNOTAVAIL.</summary>
    public const int EAddrNotAvail = 99;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static unsafe partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int fd, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static unsafe partial nint RecvMsg(int fd, MsgHdr* message, int flags);

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static unsafe partial int RecvMMsg(int fd, MMsgHdr* messages, uint count, int flags, TimeSpec* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static unsafe partial int SendMMsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static unsafe partial nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "timerfd_create", SetLastError = true)]
    public static partial int TimerFdCreate(int clockId, int flags);

    [LibraryImport("libc", EntryPoint = "timerfd_settime", SetLastError = true)]
    public static unsafe partial int TimerFdSetTime(int fd, int flags, TimeSpec* newValue, TimeSpec* oldValue);

    [LibraryImport("libc", EntryPoint = "ppoll", SetLastError = true)]
    public static unsafe partial int PPoll(PollFd* fds, nuint count, TimeSpec* timeout, nint signalMask);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(int fd, int level, int name, byte* value, uint length);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static unsafe partial int Open(byte* path, int flags);

    /// <summary>open(2) with a managed path (marshalled as UTF-8).</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static unsafe partial nint GetDents64(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int errno);

    /// <summary>The C library's text for <paramref name="errno"/>, e.g. "Operation not permitted".</summary>
    public static string Describe(int errno) =>
        Marshal.PtrToStringUTF8(StrError(errno)) ?? $"errno {errno}";

    /// <summary>Sets an integer socket option; returns 0 or the errno.</summary>
    public static unsafe int SetIntOption(int fd, int level, int name, int value)
    {
        return SetSockOpt(fd, level, name, (byte*)&value, sizeof(int)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// Binds a netlink socket (struct sockaddr_nl, port id chosen by the kernel) to the multicast
    /// <paramref name="groups"/> bitmask; returns 0 or the errno. An unbound netlink socket has
    /// port id 0, the kernel's own, and never receives the kernel's notifications.
    /// </summary>
    public static unsafe int BindNetlink(int fd, uint groups)
    {
        byte* sa = stackalloc byte[12];
        new Span<byte>(sa, 12).Clear();
        *(ushort*)sa = AfNetlink;
        *(uint*)(sa + 8) = groups;
        return Bind(fd, sa, 12) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>SO_BINDTODEVICE: the interface name, NUL-terminated.</summary>
    /// <returns>0, or the errno.</returns>
    public static int BindToDevice(int fd, string interfaceName)
    {
        Span<byte> name = stackalloc byte[System.Text.Encoding.UTF8.GetByteCount(interfaceName) + 1];
        name.Clear();
        System.Text.Encoding.UTF8.GetBytes(interfaceName, name);
        return SetBytesOption(fd, SolSocket, SoBindToDevice, name);
    }

    /// <summary>Sets a socket option from raw bytes; returns 0 or the errno.</summary>
    public static unsafe int SetBytesOption(int fd, int level, int name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            return SetSockOpt(fd, level, name, p, (uint)value.Length) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>EFD_CLOEXEC | EFD_NONBLOCK.</summary>
    public const int EventFdFlags = 0x80000 | 0x800;

    /// <summary>CLOCK_MONOTONIC.</summary>
    public const int ClockMonotonic = 1;

    /// <summary>POLLIN.</summary>
    public const short PollIn = 1;

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>struct timespec (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct mmsghdr (LP64): a message header and the bytes received or sent.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    /// <summary>struct sock_filter: one classic BPF instruction.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockFilter
    {
        public ushort Code;
        public byte JumpTrue;
        public byte JumpFalse;
        public uint K;
    }

    /// <summary>struct sock_fprog (LP64): a classic BPF program.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SockFprog
    {
        public ushort Length;
        public SockFilter* Filter;
    }
}
