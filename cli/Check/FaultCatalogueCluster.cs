using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli.Check;

/// <summary>
/// The simulated cluster that <c>vrrplab check</c> runs its fault catalogue against: one host per
/// configuration file, every VRRP interface on one LAN segment <c>lan</c> (100us), addresses
/// derived deterministically (an explicit <c>unicast_src_ip</c>/<c>mcast_src_ip</c>, else an
/// unclaimed <c>unicast_peer</c> address, else host .11, .12, ... in the subnet of the first VIP;
/// plus an IPv6 link-local address for VRRPv3 over IPv6).
/// </summary>
/// <param name="Nodes">The hosts, in file order.</param>
/// <param name="Files">The file each host came from.</param>
/// <param name="AdvertInterval">The longest advert interval of any instance.</param>
/// <param name="MaxMasterDown">The longest Master_Down_Interval of any instance (plus the longest startup delay).</param>
internal sealed record FaultCatalogueCluster(ImmutableArray<NodeSpec> Nodes, ImmutableArray<string> Files, Duration AdvertInterval, Duration MaxMasterDown)
{
    /// <summary>The segment every VRRP interface is on.</summary>
    public const string Segment = "lan";

    /// <summary>Builds the cluster for the given hosts.</summary>
    public static FaultCatalogueCluster Build(IReadOnlyList<(string File, RouterConfig Config)> hosts)
    {
        var names = new List<string>();
        foreach (var (file, config) in hosts)
        {
            string baseName = Sanitize(config.RouterId ?? Path.GetFileNameWithoutExtension(file));
            string name = baseName;
            for (int k = 2; names.Contains(name); k++)
            {
                name = baseName + "-" + k;
            }

            names.Add(name);
        }

        var taken = new HashSet<IPAddress>();
        var explicitAddress = new IPAddress?[hosts.Count];
        for (int i = 0; i < hosts.Count; i++)
        {
            explicitAddress[i] = hosts[i].Config.Instances
                .Select(x => x.UnicastSourceAddress ?? x.MulticastSourceAddress)
                .FirstOrDefault(a => a is { AddressFamily: AddressFamily.InterNetwork });
            if (explicitAddress[i] is { } a)
            {
                taken.Add(a);
            }
        }

        // Hosts without an explicit source take the unicast peer addresses nobody else claimed, in order.
        var unclaimedPeers = new Queue<IPAddress>(hosts
            .SelectMany(h => h.Config.Instances.SelectMany(x => x.UnicastPeers))
            .Where(p => p.AddressFamily == AddressFamily.InterNetwork && !taken.Contains(p))
            .Distinct());
        for (int i = 0; i < hosts.Count; i++)
        {
            if (explicitAddress[i] is null && unclaimedPeers.Count > 0)
            {
                explicitAddress[i] = unclaimedPeers.Dequeue();
                taken.Add(explicitAddress[i]!);
            }
        }

        var vips = hosts.SelectMany(h => h.Config.Instances.SelectMany(x => x.VirtualAddresses.Concat(x.ExcludedAddresses)))
            .Select(v => v.Address).Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToHashSet();
        foreach (IPAddress v in vips)
        {
            taken.Add(v);
        }

        var nodes = ImmutableArray.CreateBuilder<NodeSpec>(hosts.Count);
        for (int i = 0; i < hosts.Count; i++)
        {
            RouterConfig config = hosts[i].Config;
            var ifaces = ImmutableArray.CreateBuilder<InterfaceSpec>();
            var vrrpIfaces = config.Instances.Select(x => x.Interface).Distinct(StringComparer.Ordinal).ToList();
            var otherIfaces = config.Instances
                .SelectMany(x => x.TrackInterfaces.Select(t => t.Interface).Concat(x.VirtualAddresses.Select(v => v.Device ?? x.Interface)))
                .Where(n => !vrrpIfaces.Contains(n, StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal).ToList();
            for (int k = 0; k < vrrpIfaces.Count; k++)
            {
                IPAddress address = k == 0 && explicitAddress[i] is { } e ? e : Derive(config, vrrpIfaces[k], i, taken);
                taken.Add(address);
                // A link-local address too, the source of VRRPv3 adverts for IPv6 VIPs: fe80::<k>:<11+i>.
                var linkLocal = IPAddress.Parse($"fe80::{k + 1:x}:{11 + i:x}");
                ifaces.Add(new InterfaceSpec(vrrpIfaces[k], Segment, address, 24, linkLocal));
            }

            for (int k = 0; k < otherIfaces.Count; k++)
            {
                // Interfaces only tracked (or only carrying VIPs): up, on a segment of their own name.
                ifaces.Add(new InterfaceSpec(otherIfaces[k], "aux-" + otherIfaces[k], new IPAddress([10, 254, (byte)k, (byte)(11 + i)]), 24));
            }

            nodes.Add(new NodeSpec(names[i], ifaces.ToImmutable(), config));
        }

        var instances = hosts.SelectMany(h => h.Config.Instances.Select(x => (Instance: x, h.Config.StartupDelay))).ToList();
        Duration advert = instances.Count == 0 ? Duration.FromSeconds(1) : instances.Max(x => x.Instance.AdvertInterval);
        Duration mdi = instances.Count == 0
            ? Duration.FromSeconds(3)
            : instances.Max(x => VrrpTimers.MasterDownInterval(x.Instance.Version, x.Instance.Priority, x.Instance.AdvertInterval, x.Instance.DownTimerAdverts) + x.StartupDelay);
        return new FaultCatalogueCluster(nodes.MoveToImmutable(), [.. hosts.Select(h => h.File)], advert, mdi);
    }

    /// <summary>A scenario of this cluster, all hosts started at 0s.</summary>
    public Scenario Scenario(string name, Duration duration, IEnumerable<TimelineEntry> timeline) => new()
    {
        Name = name,
        Duration = duration,
        Autostart = true,
        Segments = [new SegmentSpec(Segment, Duration.FromMicroseconds(100), Duration.Zero, Rate.Zero),
            .. Nodes.SelectMany(n => n.Interfaces).Select(i => i.Segment).Where(s => s != Segment).Distinct(StringComparer.Ordinal)
                .Select(s => new SegmentSpec(s, Duration.FromMicroseconds(100), Duration.Zero, Rate.Zero))],
        Nodes = Nodes,
        Timeline = [.. timeline],
    };

    private static IPAddress Derive(RouterConfig config, string iface, int hostIndex, HashSet<IPAddress> taken)
    {
        byte[] net = config.Instances
            .Where(x => x.Interface == iface)
            .SelectMany(x => x.VirtualAddresses)
            .Select(v => v.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.GetAddressBytes() ?? [10, 0, 0, 0];
        // .11, .12, ... by host; on a clash step by 16 (coprime with 253, so every .1-.253 is tried).
        int host = 11 + hostIndex;
        for (int attempt = 0; attempt < 253; attempt++, host += 16)
        {
            var candidate = new IPAddress([net[0], net[1], net[2], (byte)(((host - 1) % 253) + 1)]);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }

        return new IPAddress([10, 253, (byte)(hostIndex / 250), (byte)((hostIndex % 250) + 1)]);
    }

    private static string Sanitize(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return sb.Length == 0 ? "host" : sb.ToString();
    }
}
