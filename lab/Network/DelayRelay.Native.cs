using System.Runtime.InteropServices;

namespace VrrpLab.Lab.Network;

/// <summary>The libc calls of <see cref="DelayRelay"/>: sockets, ppoll, setns.</summary>
internal static partial class RelayLibc
{
    public const int AfNetlink = 16;
    public const int AfPacket = 17;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int SockNonblock = 0x800;
    public const int NetlinkNetfilter = 12;
    public const int CloneNewNet = 0x40000000;
    public const int SolSocket = 1;
    public const int SoRcvBufForce = 33;
    public const short PollIn = 1;
    public const int MsgDontWait = 0x40;
    public const int EIntr = 4;
    public const int EAgain = 11;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int fd, byte* addr, int len);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static unsafe partial nint Send(int fd, byte* buf, nint len, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(int fd, byte* buf, nint len, int flags);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static unsafe partial nint SendTo(int fd, byte* buf, nint len, int flags, byte* addr, int addrLen);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(int fd, int level, int name, byte* value, int len);

    [LibraryImport("libc", EntryPoint = "ppoll", SetLastError = true)]
    public static unsafe partial int PPoll(PollFd* fds, nuint count, TimeSpec* timeout, nint sigmask);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int errno);

    public static string Describe(int errno) => (Marshal.PtrToStringUTF8(StrError(errno)) ?? "error") + $" (errno {errno})";

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Moves the calling thread into the network namespace <paramref name="ns"/> (<c>/run/netns/NS</c>).</summary>
    public static void EnterNamespace(string ns)
    {
        int fd = Open("/run/netns/" + ns, 0x80000 /* O_RDONLY | O_CLOEXEC */);
        if (fd < 0)
        {
            throw new LabException($"cannot open the network namespace {ns}: {Describe(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (SetNs(fd, CloneNewNet) != 0)
            {
                throw new LabException($"cannot enter the network namespace {ns}: {Describe(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }
}
