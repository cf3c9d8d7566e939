using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// Every check on a received packet that depends on the configuration alone, in keepalived's order
/// (domain.md section 4): the 8-byte header, the instance with that VRID on the interface, TTL 255 for
/// multicast (RFC 3768 section 7.1), our own source address, then the message itself (length,
/// version, authentication, v2 interval, type, checksum). <see cref="VrrpRouter.ReceivePacket"/> runs
/// it first; a receive path may run it on its own thread before queueing anything, because it is
/// immutable, thread-safe and never allocates. What it cannot decide (whether the instance listens
/// right now, what a valid advert does) is the router's.
/// </summary>
public sealed class PacketScreen
{
    private readonly Target[] _targets;

    /// <summary>The screen of a router for <paramref name="config"/> on <paramref name="interfaces"/>.</summary>
    public PacketScreen(RouterConfig config, IReadOnlyList<RouterInterface> interfaces)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(interfaces);
        _targets = new Target[config.Instances.Length];
        for (int k = 0; k < _targets.Length; k++)
        {
            VrrpInstanceConfig c = config.Instances[k];
            IPAddress? primary = c.UnicastSourceAddress ?? c.MulticastSourceAddress ?? PrimaryAddress(c, interfaces);
            _targets[k] = new Target(
                c.Interface,
                c.VirtualRouterId,
                c.Family == AddressFamily.InterNetworkV6 ? 16 : 4,
                primary?.GetAddressBytes() ?? [],
                new ReceiverExpectations(c.Version, c.AuthType, c.AuthPassword, c.AdvertInterval));
        }
    }

    /// <summary>
    /// Judges a packet received on <paramref name="iface"/>. Never throws, never allocates.
    /// </summary>
    /// <param name="iface">The receiving interface.</param>
    /// <param name="source">IP source, network order: 4 bytes (IPv4) or 16 (IPv6).</param>
    /// <param name="destination">IP destination, same family.</param>
    /// <param name="ttl">IP TTL / hop limit as received.</param>
    /// <param name="payload">The VRRP message (IP payload).</param>
    public PacketVerdict Screen(string iface, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte ttl, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < AdvertisementCodec.HeaderLength)
        {
            // keepalived (vrrp_get_header) cannot even read the VRID: no instance hears it.
            return new PacketVerdict(AdvertDropReason.TooShort, -1);
        }

        int target = -1;
        for (int k = 0; k < _targets.Length; k++)
        {
            Target t = _targets[k];
            if (t.VirtualRouterId == payload[1] && t.AddressSize == source.Length && string.Equals(t.Interface, iface, StringComparison.Ordinal))
            {
                target = k;
                break;
            }
        }

        bool multicast = destination.Length == 16 ? destination[0] == 0xFF : destination.Length == 4 && (destination[0] & 0xF0) == 0xE0;
        if (multicast && ttl != 255)
        {
            return new PacketVerdict(AdvertDropReason.BadTtl, target);
        }

        if (target < 0)
        {
            return new PacketVerdict(AdvertDropReason.UnknownVrid, -1);
        }

        Target m = _targets[target];
        if (m.Primary.Length > 0 && source.SequenceEqual(m.Primary))
        {
            return new PacketVerdict(AdvertDropReason.OwnAddress, target);
        }

        return new PacketVerdict(AdvertisementCodec.Validate(payload, source, destination, m.Expectations), target);
    }

    /// <summary>The address an instance sends from: its interface's IPv4 address, or IPv6 link-local for v3 over IPv6.</summary>
    internal static IPAddress? PrimaryAddress(VrrpInstanceConfig c, IReadOnlyList<RouterInterface> interfaces)
    {
        foreach (RouterInterface i in interfaces)
        {
            if (string.Equals(i.Name, c.Interface, StringComparison.Ordinal))
            {
                return c.Family == AddressFamily.InterNetworkV6 ? i.IPv6LinkLocal : i.IPv4;
            }
        }

        return null;
    }

    private sealed record Target(string Interface, byte VirtualRouterId, int AddressSize, byte[] Primary, ReceiverExpectations Expectations);
}
