using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;
using VrrpLab.Engine.Wire;

namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// A raw socket for IP protocol 112 (IPv4) or next header 112 (IPv6) bound to one interface: joins
/// 224.0.0.18 / ff02::12 there, sends adverts with TTL / hop limit 255 (for IPv4 we write the IP header,
/// like keepalived), and carries the classic BPF filter of <see cref="VrrpSocketFilter"/>. Received
/// datagrams are read in batches by <see cref="VrrpReceiveBatch"/>. The descriptor lives in a
/// <see cref="SafeFileDescriptor"/>: the receive thread holds a lease on it while it reads.
/// </summary>
internal sealed class VrrpSocket : IDisposable
{
    /// <summary>The VRRP IPv4 multicast group (RFC 3768 section 5.2.2).</summary>
    public static readonly IPAddress MulticastGroup = VrrpWire.MulticastGroupV4;

    /// <summary>The VRRP IPv6 multicast group (RFC 9568 section 5.1.2.2).</summary>
    public static readonly IPAddress MulticastGroup6 = VrrpWire.MulticastGroupV6;

    private readonly byte[] _sendBuffer = new byte[Ipv4Datagram.HeaderLength + 4096];
    private readonly Lock _sendLock = new();

    private VrrpSocket(AddressFamily family, string interfaceName, int interfaceIndex, SafeFileDescriptor fd)
    {
        Family = family;
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
        Descriptor = fd;
    }

    /// <summary>IPv4 or IPv6.</summary>
    public AddressFamily Family { get; }

    /// <summary>The interface this socket is bound to.</summary>
    public string InterfaceName { get; }

    /// <summary>Its ifindex.</summary>
    public int InterfaceIndex { get; }

    /// <summary>The descriptor.</summary>
    public SafeFileDescriptor Descriptor { get; }

    /// <summary>Opens the socket on <paramref name="interfaceName"/> with the socket filter <paramref name="filter"/>.</summary>
    /// <exception cref="DaemonStartupException">No CAP_NET_RAW, or the interface is gone.</exception>
    public static VrrpSocket Open(AddressFamily family, string interfaceName, int interfaceIndex, ReadOnlySpan<Libc.SockFilter> filter)
    {
        bool v6 = family == AddressFamily.InterNetworkV6;
        int fd = Libc.Socket(v6 ? Libc.AfInet6 : Libc.AfInet, Libc.SockRaw | Libc.SockCloexec, Libc.IpProtoVrrp);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new DaemonStartupException(
                $"cannot open a raw {(v6 ? "IPv6 " : "")}VRRP socket: " + Libc.Describe(errno) +
                (errno is Libc.EPerm or Libc.EAcces
                    ? " (the daemon needs CAP_NET_RAW and CAP_NET_ADMIN: run it as root or grant them, as vrrplab.service does)"
                    : ""));
        }

        var handle = new SafeFileDescriptor(fd);
        try
        {
            // The filter first, so that nothing it would drop is ever queued.
            AttachFilter(fd, filter);
            if (v6)
            {
                Configure6(fd, interfaceName, interfaceIndex);
            }
            else
            {
                Configure4(fd, interfaceName, interfaceIndex);
            }

            // Room for a burst while the receive thread is descheduled (keepalived leaves the default).
            _ = Libc.SetIntOption(fd, Libc.SolSocket, Libc.SoRcvBuf, 1 << 20);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new VrrpSocket(family, interfaceName, interfaceIndex, handle);
    }

    private static unsafe void AttachFilter(int fd, ReadOnlySpan<Libc.SockFilter> filter)
    {
        fixed (Libc.SockFilter* f = filter)
        {
            var prog = new Libc.SockFprog { Length = checked((ushort)filter.Length), Filter = f };
            if (Libc.SetSockOpt(fd, Libc.SolSocket, Libc.SoAttachFilter, (byte*)&prog, (uint)sizeof(Libc.SockFprog)) != 0)
            {
                throw new DaemonStartupException("cannot attach the socket filter to the VRRP socket: " + Libc.Describe(Marshal.GetLastPInvokeError()));
            }
        }
    }

    private static void Configure4(int fd, string interfaceName, int interfaceIndex)
    {
        BindToDevice(fd, interfaceName);
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpHdrIncl, 1), "IP_HDRINCL");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpTtl, Ipv4Datagram.VrrpTtl), "IP_TTL");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpMulticastTtl, Ipv4Datagram.VrrpTtl), "IP_MULTICAST_TTL");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpMulticastLoop, 0), "IP_MULTICAST_LOOP");

        Span<byte> mreqn = stackalloc byte[12];
        mreqn.Clear();
        MulticastGroup.TryWriteBytes(mreqn[..4], out _);
        BinaryPrimitives.WriteInt32LittleEndian(mreqn[8..], interfaceIndex);
        Check(Libc.SetBytesOption(fd, Libc.IpProtoIp, Libc.IpMulticastIf, mreqn), "IP_MULTICAST_IF");
        Check(Libc.SetBytesOption(fd, Libc.IpProtoIp, Libc.IpAddMembership, mreqn), "IP_ADD_MEMBERSHIP 224.0.0.18");
    }

    private static void Configure6(int fd, string interfaceName, int interfaceIndex)
    {
        BindToDevice(fd, interfaceName);
        Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6UnicastHops, 255), "IPV6_UNICAST_HOPS");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastHops, 255), "IPV6_MULTICAST_HOPS");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastLoop, 0), "IPV6_MULTICAST_LOOP");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastIf, interfaceIndex), "IPV6_MULTICAST_IF");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6RecvHopLimit, 1), "IPV6_RECVHOPLIMIT");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6RecvPktInfo, 1), "IPV6_RECVPKTINFO");
        Span<byte> mreq = stackalloc byte[20];
        MulticastGroup6.TryWriteBytes(mreq[..16], out _);
        BinaryPrimitives.WriteInt32LittleEndian(mreq[16..], interfaceIndex);
        Check(Libc.SetBytesOption(fd, Libc.IpProtoIpv6, Libc.Ipv6AddMembership, mreq), "IPV6_ADD_MEMBERSHIP ff02::12");
    }

    private static void BindToDevice(int fd, string interfaceName)
    {
        Check(Libc.BindToDevice(fd, interfaceName), "SO_BINDTODEVICE " + interfaceName);
    }

    private static void Check(int errno, string what)
    {
        if (errno == 0)
        {
            return;
        }

        throw errno == Libc.ENoDev
            ? new DaemonStartupException($"{what}: no such interface")
            : new DaemonStartupException($"cannot set {what} on the VRRP socket: {Libc.Describe(errno)}");
    }

    /// <summary>
    /// Sends one VRRP message from <paramref name="source"/> to <paramref name="destination"/> with TTL /
    /// hop limit 255 (IPv6: the kernel picks the link-local source). Thread-safe.
    /// </summary>
    /// <returns>Success, or the socket error (the caller logs it; a send error never stops the daemon).</returns>
    public unsafe SocketError Send(IPAddress source, IPAddress destination, ReadOnlySpan<byte> vrrpMessage)
    {
        byte* sa = stackalloc byte[28];
        new Span<byte>(sa, 28).Clear();
        uint saLength;
        ReadOnlySpan<byte> datagram;
        lock (_sendLock)
        {
            if (Family == AddressFamily.InterNetworkV6)
            {
                *(ushort*)sa = Libc.AfInet6;
                destination.TryWriteBytes(new Span<byte>(sa + 8, 16), out _);
                *(uint*)(sa + 24) = destination.IsIPv6LinkLocal || destination.IsIPv6Multicast ? (uint)InterfaceIndex : 0u;
                saLength = 28;
                datagram = vrrpMessage;
            }
            else
            {
                *(ushort*)sa = Libc.AfInet;
                destination.TryWriteBytes(new Span<byte>(sa + 4, 4), out _);
                saLength = 16;
                int length = Ipv4Datagram.HeaderLength + vrrpMessage.Length;
                Span<byte> buffer = _sendBuffer.AsSpan(0, length);
                Ipv4Datagram.WriteHeader(buffer, source, destination, vrrpMessage.Length);
                vrrpMessage.CopyTo(buffer[Ipv4Datagram.HeaderLength..]);
                datagram = buffer;
            }

            using SafeFileDescriptor.Lease fd = Descriptor.Acquire();
            fixed (byte* p = datagram)
            {
                return Libc.SendTo(fd.Number, p, (nuint)datagram.Length, 0, sa, saLength) >= 0
                    ? SocketError.Success
                    : ToSocketError(Marshal.GetLastPInvokeError());
            }
        }
    }

    /// <summary>The .NET name of a send errno, for the log.</summary>
    internal static SocketError ToSocketError(int errno) => errno switch
    {
        Libc.EPerm or Libc.EAcces => SocketError.AccessDenied,
        Libc.EAgain => SocketError.WouldBlock,
        Libc.ENoDev or 100 => SocketError.NetworkDown,
        101 => SocketError.NetworkUnreachable,
        Libc.EAddrNotAvail => SocketError.AddressNotAvailable,
        90 => SocketError.MessageSize,
        105 => SocketError.NoBufferSpaceAvailable,
        _ => SocketError.SocketError,
    };

    /// <inheritdoc/>
    public void Dispose() => Descriptor.Dispose();
}
