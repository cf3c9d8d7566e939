using System.Net;
using System.Net.Sockets;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Sends adverts through the raw VRRP socket of each interface.</summary>
internal sealed class SocketAdvertTransport(IReadOnlyDictionary<string, VrrpSocket> sockets) : IAdvertTransport
{
    /// <inheritdoc/>
    public SocketError Send(string interfaceName, IPAddress source, IPAddress destination, ReadOnlySpan<byte> message) =>
        sockets.TryGetValue(interfaceName, out VrrpSocket? socket)
            ? socket.Send(source, destination, message)
            : SocketError.NetworkDown;
}
