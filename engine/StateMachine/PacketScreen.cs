using System.Globalization;
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
                c,
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

    /// <summary>
    /// keepalived's log line for a drop of an instance (<see cref="PacketVerdict.NamesInstance"/>), e.g.
    /// <c>(VI_1) received an invalid passwd!</c>; a neutral line for the other drops. Allocates: for logs.
    /// </summary>
    public string Describe(PacketVerdict verdict, ReadOnlySpan<byte> payload, byte ttl)
    {
        if (!verdict.NamesInstance)
        {
            return verdict.Reason == AdvertDropReason.UnknownVrid && payload.Length > 1
                ? $"Unknown VRID({payload[1].ToString(CultureInfo.InvariantCulture)}) received. ignoring..."
                : $"discarding packet: {verdict.Reason}";
        }

        VrrpInstanceConfig c = _targets[verdict.Instance].Config;
        return verdict.Reason switch
        {
            AdvertDropReason.BadTtl => $"({c.Name}) invalid TTL/HL. Received {ttl.ToString(CultureInfo.InvariantCulture)} and expect 255",
            AdvertDropReason.IntervalMismatch =>
                $"({c.Name}) advertisement interval mismatch mine={c.AdvertInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)} sec rcv'd={payload[5].ToString(CultureInfo.InvariantCulture)} sec",
            AdvertDropReason.AuthFailure => $"({c.Name}) received an invalid passwd!",
            AdvertDropReason.AuthTypeMismatch => $"({c.Name}) received a {payload[4].ToString(CultureInfo.InvariantCulture)} auth, expecting {((int)c.AuthType).ToString(CultureInfo.InvariantCulture)}!",
            AdvertDropReason.BadVersion => $"({c.Name}) wrong version. Received {(payload[0] >> 4).ToString(CultureInfo.InvariantCulture)} and expect {((int)c.Version).ToString(CultureInfo.InvariantCulture)}",
            AdvertDropReason.BadChecksum => $"({c.Name}) Invalid VRRPv{(payload[0] >> 4).ToString(CultureInfo.InvariantCulture)} checksum",
            AdvertDropReason.TooShort or AdvertDropReason.LengthMismatch =>
                $"({c.Name}) vrrp packet too {(verdict.Reason == AdvertDropReason.TooShort ? "short" : "long")}, length {(payload.Length + 20).ToString(CultureInfo.InvariantCulture)} and expect {ExpectedLength(c, payload).ToString(CultureInfo.InvariantCulture)}",
            AdvertDropReason.BadType => $"({c.Name}) Invalid packet type. {(payload[0] & 0xF).ToString(CultureInfo.InvariantCulture)} and expect 1",
            AdvertDropReason.OwnAddress => $"({c.Name}) discarding packet from our own address (spoofed?)",
            _ => $"({c.Name}) discarding packet: {verdict.Reason}",
        };
    }

    private static int ExpectedLength(VrrpInstanceConfig c, ReadOnlySpan<byte> payload)
    {
        int addressSize = c.Family == AddressFamily.InterNetworkV6 ? 16 : 4;
        int header = c.Family == AddressFamily.InterNetworkV6 ? 40 : 20;
        return header + 8 + (payload[3] * addressSize) + (c.Version == VrrpVersion.V2 ? 8 : 0);
    }

    private sealed record Target(VrrpInstanceConfig Config, string Interface, byte VirtualRouterId, int AddressSize, byte[] Primary, ReceiverExpectations Expectations);
}
