using System.Net;

namespace VrrpLab.Engine.Wire;

/// <summary>The protocol's numbers on the wire (RFC 3768 section 5.2, RFC 9568 section 5.1), defined once for every layer.</summary>
public static class VrrpWire
{
    /// <summary>IP protocol number of VRRP.</summary>
    public const byte Protocol = 112;

    /// <summary>The TTL / hop limit a VRRP packet must be sent and received with.</summary>
    public const byte Ttl = 255;

    /// <summary>The IPv4 multicast group adverts are sent to (224.0.0.18).</summary>
    public static readonly IPAddress MulticastGroupV4 = new([224, 0, 0, 18]);

    /// <summary>The IPv6 multicast group adverts are sent to (ff02::12).</summary>
    public static readonly IPAddress MulticastGroupV6 = new([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12]);

    /// <summary>The group adverts of <paramref name="family"/> are sent to: ff02::12 for IPv6, else 224.0.0.18.</summary>
    public static IPAddress MulticastGroupFor(System.Net.Sockets.AddressFamily family) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? MulticastGroupV6 : MulticastGroupV4;
}
