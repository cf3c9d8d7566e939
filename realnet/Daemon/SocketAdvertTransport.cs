using System.Net;
using System.Net.Sockets;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Sends adverts through the raw VRRP socket of each interface (IPv4 or IPv6 by destination).</summary>
internal sealed class SocketAdvertTransport(
    IReadOnlyDictionary<string, VrrpSocket> sockets,
    IReadOnlyDictionary<string, Vrrp6Socket> sockets6) : IAdvertTransport
{
    /// <inheritdoc/>
    public SocketError Send(string interfaceName, IPAddress source, IPAddress destination, ReadOnlySpan<byte> message)
    {
        if (destination.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return sockets6.TryGetValue(interfaceName, out Vrrp6Socket? s6) ? s6.Send(destination, message) : SocketError.NetworkDown;
        }

        return sockets.TryGetValue(interfaceName, out VrrpSocket? socket)
            ? socket.Send(source, destination, message)
            : SocketError.NetworkDown;
    }
}
