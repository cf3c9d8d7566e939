using System.Net;
using System.Net.Sockets;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// A raw IPv4 socket for IP protocol 112 bound to one interface: joins 224.0.0.18 there, sends
/// adverts with TTL 255 (we write the IP header, like keepalived), and receives datagrams with
/// their IP header so the engine can validate TTL, source and destination.
/// </summary>
internal sealed class VrrpSocket : IDisposable
{
    /// <summary>The VRRP IPv4 multicast group (RFC 3768 section 5.2.2).</summary>
    public static readonly IPAddress MulticastGroup = IPAddress.Parse("224.0.0.18");

    private readonly Socket _socket;
    private readonly byte[] _receiveBuffer = new byte[65535];
    private readonly byte[] _sendBuffer = new byte[1500];

    private VrrpSocket(string interfaceName, int interfaceIndex, Socket socket)
    {
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
        _socket = socket;
    }

    /// <summary>The interface this socket is bound to.</summary>
    public string InterfaceName { get; }

    /// <summary>Its ifindex.</summary>
    public int InterfaceIndex { get; }

    /// <summary>
    /// Opens the socket on <paramref name="interfaceName"/>.
    /// </summary>
    /// <exception cref="DaemonStartupException">No CAP_NET_RAW, or the interface is gone.</exception>
    public static VrrpSocket Open(string interfaceName, int interfaceIndex)
    {
        int fd = Libc.Socket(Libc.AfInet, Libc.SockRaw | Libc.SockCloexec, Libc.IpProtoVrrp);
        if (fd < 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            throw errno is Libc.EPerm or Libc.EAcces
                ? new DaemonStartupException(
                    "cannot open a raw VRRP socket: " + Libc.Describe(errno) +
                    " (the daemon needs CAP_NET_RAW and CAP_NET_ADMIN: run it as root or grant them, see realnet/vrrplab.service)")
                : new DaemonStartupException("cannot open a raw VRRP socket: " + Libc.Describe(errno));
        }

        try
        {
            Configure(fd, interfaceName, interfaceIndex);
        }
        catch
        {
            _ = Libc.Close(fd);
            throw;
        }

        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        return new VrrpSocket(interfaceName, interfaceIndex, socket);
    }

    private static void Configure(int fd, string interfaceName, int interfaceIndex)
    {
        Span<byte> name = stackalloc byte[System.Text.Encoding.UTF8.GetByteCount(interfaceName) + 1];
        name.Clear();
        System.Text.Encoding.UTF8.GetBytes(interfaceName, name);
        Check(Libc.SetBytesOption(fd, Libc.SolSocket, Libc.SoBindToDevice, name), "SO_BINDTODEVICE " + interfaceName);
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpHdrIncl, 1), "IP_HDRINCL");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpTtl, Ipv4Datagram.VrrpTtl), "IP_TTL");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpMulticastTtl, Ipv4Datagram.VrrpTtl), "IP_MULTICAST_TTL");
        Check(Libc.SetIntOption(fd, Libc.IpProtoIp, Libc.IpMulticastLoop, 0), "IP_MULTICAST_LOOP");

        Span<byte> mreqn = stackalloc byte[12];
        mreqn.Clear();
        MulticastGroup.TryWriteBytes(mreqn[..4], out _);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(mreqn[8..], interfaceIndex);
        Check(Libc.SetBytesOption(fd, Libc.IpProtoIp, Libc.IpMulticastIf, mreqn), "IP_MULTICAST_IF");
        Check(Libc.SetBytesOption(fd, Libc.IpProtoIp, Libc.IpAddMembership, mreqn), "IP_ADD_MEMBERSHIP 224.0.0.18");
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

    /// <summary>Sends one VRRP message from <paramref name="source"/> to <paramref name="destination"/> with TTL 255.</summary>
    /// <returns>0, or the socket error (the caller logs it; a send error never stops the daemon).</returns>
    public SocketError Send(IPAddress source, IPAddress destination, ReadOnlySpan<byte> vrrpMessage)
    {
        int length = Ipv4Datagram.HeaderLength + vrrpMessage.Length;
        Span<byte> datagram = _sendBuffer.AsSpan(0, length);
        Ipv4Datagram.WriteHeader(datagram, source, destination, vrrpMessage.Length);
        vrrpMessage.CopyTo(datagram[Ipv4Datagram.HeaderLength..]);
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, new IPEndPoint(destination, 0));
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    /// <summary>Waits for the next datagram; returns its bytes (IP header included, a view of an internal buffer).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        int n = await _socket.ReceiveAsync(_receiveBuffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return _receiveBuffer.AsMemory(0, n);
    }

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();
}
