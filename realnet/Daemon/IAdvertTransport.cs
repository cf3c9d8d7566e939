using System.Net;
using System.Net.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Sends VRRP messages (IP protocol 112, TTL 255) on an interface.</summary>
internal interface IAdvertTransport
{
    /// <summary>Sends one message; returns the socket error, <see cref="SocketError.Success"/> if sent.</summary>
    SocketError Send(string interfaceName, IPAddress source, IPAddress destination, ReadOnlySpan<byte> message);
}
