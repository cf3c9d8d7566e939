using System.Net;
using System.Net.Sockets;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Sends adverts through the raw VRRP socket of each interface and address family.</summary>
internal sealed class SocketAdvertTransport(IReadOnlyList<VrrpSocket> sockets) : IAdvertTransport
{
    /// <inheritdoc/>
    public SocketError Send(string interfaceName, IPAddress source, IPAddress destination, ReadOnlySpan<byte> message)
    {
        foreach (VrrpSocket s in sockets)
        {
            if (s.Family == destination.AddressFamily && string.Equals(s.InterfaceName, interfaceName, StringComparison.Ordinal))
            {
                return s.Send(source, destination, message);
            }
        }

        return SocketError.NetworkDown;
    }
}
