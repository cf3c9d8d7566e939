using System.Net;

namespace VrrpLab.RealNet.Sockets;

/// <summary>What the IPv4 header of a received VRRP datagram says.</summary>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">IP destination address (224.0.0.18 or ours for unicast).</param>
/// <param name="Ttl">Time to live as received (must be 255 for multicast adverts).</param>
/// <param name="PayloadOffset">Where the VRRP message starts (the header length).</param>
/// <param name="PayloadLength">Length of the VRRP message.</param>
internal sealed record ReceivedHeader(IPAddress Source, IPAddress Destination, byte Ttl, int PayloadOffset, int PayloadLength);
