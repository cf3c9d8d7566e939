using System.Net;
using System.Net.Sockets;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Sends adverts through the raw VRRP socket of each interface and address family.</summary>
internal sealed class SocketAdvertTransport(IReadOnlyList<VrrpSocket> sockets) : IAdvertTransport
{
    /// <summary>The sockets adverts go out on; a configuration reload that needs other sockets replaces them (event loop only).</summary>
    public IReadOnlyList<VrrpSocket> Sockets { get; set; } = sockets;

    /// <inheritdoc/>
    public SocketError Send(string interfaceName, IPAddress source, IPAddress destination, ReadOnlySpan<byte> message)
    {
        foreach (VrrpSocket s in Sockets)
        {
            if (s.Family == destination.AddressFamily && string.Equals(s.InterfaceName, interfaceName, StringComparison.Ordinal))
            {
                return s.Send(source, destination, message);
            }
        }

        return SocketError.NetworkDown;
    }
}
