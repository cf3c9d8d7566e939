using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Daemon;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// A raw IPv6 socket for next header 112 on one interface (VRRPv3 over IPv6, RFC 9568): joins
/// ff02::12 there, sends with hop limit 255, and receives with the hop limit and destination as
/// control messages. A dedicated thread receives and posts each datagram to the event loop.
/// </summary>
internal sealed class Vrrp6Socket : IDisposable
{
    /// <summary>The VRRP IPv6 multicast group (RFC 9568 section 5.1.2.2).</summary>
    public static readonly IPAddress MulticastGroup = IPAddress.Parse("ff02::12");

    private readonly int _fd;
    private Thread? _thread;
    private volatile bool _stopping;

    private Vrrp6Socket(string interfaceName, int interfaceIndex, int fd)
    {
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
        _fd = fd;
    }

    /// <summary>The interface.</summary>
    public string InterfaceName { get; }

    /// <summary>Its ifindex.</summary>
    public int InterfaceIndex { get; }

    /// <summary>Opens the socket on <paramref name="interfaceName"/>.</summary>
    /// <exception cref="DaemonStartupException">No CAP_NET_RAW, or the interface is gone.</exception>
    public static Vrrp6Socket Open(string interfaceName, int interfaceIndex)
    {
        int fd = Libc.Socket(Libc.AfInet6, Libc.SockRaw | Libc.SockCloexec, Libc.IpProtoVrrp);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new DaemonStartupException("cannot open a raw IPv6 VRRP socket: " + Libc.Describe(errno)
                + (errno is Libc.EPerm or Libc.EAcces ? " (the daemon needs CAP_NET_RAW and CAP_NET_ADMIN)" : ""));
        }

        try
        {
            Span<byte> name = stackalloc byte[System.Text.Encoding.UTF8.GetByteCount(interfaceName) + 1];
            name.Clear();
            System.Text.Encoding.UTF8.GetBytes(interfaceName, name);
            Check(Libc.SetBytesOption(fd, Libc.SolSocket, Libc.SoBindToDevice, name), "SO_BINDTODEVICE " + interfaceName);
            Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6UnicastHops, 255), "IPV6_UNICAST_HOPS");
            Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastHops, 255), "IPV6_MULTICAST_HOPS");
            Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastLoop, 0), "IPV6_MULTICAST_LOOP");
            Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastIf, interfaceIndex), "IPV6_MULTICAST_IF");
            Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6RecvHopLimit, 1), "IPV6_RECVHOPLIMIT");
            Check(Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6RecvPktInfo, 1), "IPV6_RECVPKTINFO");
            Span<byte> mreq = stackalloc byte[20];
            MulticastGroup.TryWriteBytes(mreq[..16], out _);
            BinaryPrimitives.WriteInt32LittleEndian(mreq[16..], interfaceIndex);
            Check(Libc.SetBytesOption(fd, Libc.IpProtoIpv6, Libc.Ipv6AddMembership, mreq), "IPV6_ADD_MEMBERSHIP ff02::12");
            Span<byte> tv = stackalloc byte[16];
            tv.Clear();
            BinaryPrimitives.WriteInt64LittleEndian(tv[8..], 250_000);
            Check(Libc.SetBytesOption(fd, Libc.SolSocket, Libc.SoRcvTimeo, tv), "SO_RCVTIMEO");
        }
        catch
        {
            _ = Libc.Close(fd);
            throw;
        }

        return new Vrrp6Socket(interfaceName, interfaceIndex, fd);
    }

    private static void Check(int errno, string what)
    {
        if (errno != 0)
        {
            throw new DaemonStartupException($"cannot set {what} on the IPv6 VRRP socket: {Libc.Describe(errno)}");
        }
    }

    /// <summary>Sends one VRRP message to <paramref name="destination"/> (hop limit 255; the kernel picks the link-local source).</summary>
    public unsafe SocketError Send(IPAddress destination, ReadOnlySpan<byte> message)
    {
        byte* sa = stackalloc byte[28];
        new Span<byte>(sa, 28).Clear();
        *(ushort*)sa = Libc.AfInet6;
        destination.TryWriteBytes(new Span<byte>(sa + 8, 16), out _);
        *(uint*)(sa + 24) = destination.IsIPv6LinkLocal || destination.IsIPv6Multicast ? (uint)InterfaceIndex : 0u;
        fixed (byte* p = message)
        {
            return Libc.SendTo(_fd, p, (nuint)message.Length, 0, sa, 28) >= 0
                ? SocketError.Success
                : SocketError.SocketError;
        }
    }

    /// <summary>Starts the receive thread, which posts every datagram to <paramref name="inbox"/>.</summary>
    public void Start(DaemonInbox inbox)
    {
        _thread = new Thread(() => ReceiveLoop(inbox)) { IsBackground = true, Name = "vrrplab ipv6 " + InterfaceName };
        _thread.Start();
    }

    private unsafe void ReceiveLoop(DaemonInbox inbox)
    {
        byte[] buffer = new byte[65535];
        byte* name = stackalloc byte[28];
        byte* control = stackalloc byte[256];
        fixed (byte* data = buffer)
        {
            while (!_stopping)
            {
                var iov = new Libc.IoVec { Base = data, Length = (nuint)buffer.Length };
                var msg = new Libc.MsgHdr { Name = name, NameLength = 28, Iov = &iov, IovLength = 1, Control = control, ControlLength = 256 };
                nint n = Libc.RecvMsg(_fd, &msg, 0);
                if (n < 0)
                {
                    continue; // timeout (so we can notice a stop) or EINTR
                }

                var source = new IPAddress(new ReadOnlySpan<byte>(name + 8, 16), *(uint*)(name + 24));
                (int hopLimit, IPAddress? destination) = Ipv6ControlMessages.Read(new ReadOnlySpan<byte>(control, (int)msg.ControlLength));
                if (hopLimit < 0 || destination is null)
                {
                    inbox.Post(new MalformedDatagram(InterfaceName, (int)n));
                    continue;
                }

                // The engine compares addresses without scope: strip the scope id.
                source = new IPAddress(source.GetAddressBytes());
                inbox.Post(new PacketInput(InterfaceName, source, destination, (byte)Math.Clamp(hopLimit, 0, 255), buffer.AsSpan(0, (int)n).ToArray()));
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        _thread?.Join(TimeSpan.FromSeconds(1));
        _ = Libc.Close(_fd);
    }
}
