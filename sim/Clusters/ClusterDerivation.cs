// Over 400 lines: one derivation in keepalived's order (hosts, interfaces, segments, peers, timers); its steps share the partial cluster being built.
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Clusters;

/// <summary>
/// Derives the cluster that a set of keepalived.conf files describes (one file per host), as
/// <c>vrrplab check</c> simulates it and as <c>vrrplab explore</c> drives it.
/// </summary>
/// <remarks>
/// Addresses, most certain first: the host's <c>unicast_src_ip</c> / <c>mcast_src_ip</c>; the address
/// the other hosts list in <c>unicast_peer</c> for the same VRID (without <c>unicast_src_ip</c>,
/// keepalived sends from the interface's primary address, which is what its peers list); the subnet
/// of a peer of the same VRID whose address is known; the subnet of a VIP the interface carries
/// (a /32 VIP means its /24); a private placeholder subnet. The prefix is the VIP's when it is written
/// with one and contains the address, else /24. Interfaces in one subnet share a segment (with its
/// client); different subnets are different segments, so multicast adverts do not cross them while
/// unicast adverts are routed (the simulator delivers a unicast packet to the address's owner on any
/// segment), as keepalived's do.
/// </remarks>
public static class ClusterDerivation
{
    private const int DefaultPrefix = 24;

    /// <summary>Derives the cluster of <paramref name="hosts"/>.</summary>
    public static DerivedCluster Derive(IReadOnlyList<ClusterHost> hosts)
    {
        string[] names = NodeNames(hosts);
        var slots = new List<Slot>();
        for (int h = 0; h < hosts.Count; h++)
        {
            slots.AddRange(InterfacesOf(hosts[h].Config).Select(x => new Slot(h, x.Name, x.Vrrp)));
        }

        var taken = new HashSet<IPAddress>();
        foreach (ClusterHost host in hosts)
        {
            foreach (VrrpInstanceConfig i in host.Config.Instances)
            {
                foreach (VirtualAddress v in i.VirtualAddresses.AddRange(i.ExcludedAddresses))
                {
                    taken.Add(v.Address);
                }
            }
        }

        ExplicitAddresses(hosts, slots, taken);
        PeerListAddresses(hosts, names, slots, taken);
        PeerSubnetAddresses(hosts, names, slots, taken);
        VipSubnetAddresses(hosts, slots, taken);
        PlaceholderAddresses(slots, taken);

        // One segment per subnet, named lan, lan2, ... in order of first use.
        var segmentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var segments = ImmutableArray.CreateBuilder<SegmentSpec>();
        foreach (Slot s in slots)
        {
            string subnet = Network(s.Address!, s.Prefix) + "/" + s.Prefix.ToString(CultureInfo.InvariantCulture);
            if (!segmentOf.TryGetValue(subnet, out string? seg))
            {
                seg = segments.Count == 0 ? "lan" : "lan" + (segments.Count + 1).ToString(CultureInfo.InvariantCulture);
                segmentOf[subnet] = seg;
                segments.Add(new SegmentSpec(seg, DerivedCluster.Latency, Duration.Zero, Rate.Zero));
            }

            s.Segment = seg;
        }

        var nodes = ImmutableArray.CreateBuilder<NodeSpec>(hosts.Count);
        var derived = ImmutableArray.CreateBuilder<DerivedInterface>();
        for (int h = 0; h < hosts.Count; h++)
        {
            var ifaces = ImmutableArray.CreateBuilder<InterfaceSpec>();
            int k = 0;
            foreach (Slot s in slots.Where(s => s.Host == h))
            {
                // A link-local address too, the source of VRRPv3 adverts for IPv6 VIPs: fe80::<k>:<11+h>.
                var linkLocal = IPAddress.Parse($"fe80::{k + 1:x}:{11 + h:x}");
                ifaces.Add(new InterfaceSpec(s.Name, s.Segment!, s.Address!, s.Prefix, linkLocal));
                derived.Add(new DerivedInterface(names[h], s.Name, s.Segment!, s.Address!, s.Prefix, s.Origin, s.Evidence, s.Vrrp));
                k++;
            }

            nodes.Add(new NodeSpec(names[h], ifaces.ToImmutable(), hosts[h].Config));
        }

        ImmutableArray<DerivedInterface> interfaces = derived.ToImmutable();
        return new DerivedCluster(
            [.. hosts],
            nodes.MoveToImmutable(),
            segments.ToImmutable(),
            interfaces,
            Placements(hosts, names, interfaces),
            LongestInterval(hosts),
            LongestMasterDown(hosts));
    }

    /// <summary>The network address of <paramref name="address"/>/<paramref name="prefix"/> (IPv4).</summary>
    public static string Network(IPAddress address, int prefix)
    {
        byte[] b = address.GetAddressBytes();
        for (int i = 0; i < b.Length; i++)
        {
            int bits = Math.Clamp(prefix - (8 * i), 0, 8);
            b[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(b).ToString();
    }

    /// <summary>Whether <paramref name="address"/> is in <paramref name="network"/>/<paramref name="prefix"/>.</summary>
    public static bool Contains(IPAddress network, int prefix, IPAddress address) =>
        network.AddressFamily == address.AddressFamily && Network(network, prefix) == Network(address, prefix);

    private sealed class Slot(int host, string name, bool vrrp)
    {
        public int Host { get; } = host;

        public string Name { get; } = name;

        public bool Vrrp { get; } = vrrp;

        public IPAddress? Address { get; set; }

        public int Prefix { get; set; } = DefaultPrefix;

        public AddressOrigin Origin { get; set; }

        public string Evidence { get; set; } = "";

        public string? Segment { get; set; }

        public void Set(IPAddress address, int prefix, AddressOrigin origin, string evidence, HashSet<IPAddress> taken)
        {
            Address = address;
            Prefix = prefix;
            Origin = origin;
            Evidence = evidence;
            taken.Add(address);
        }
    }

    /// <summary>A host's interfaces: those running VRRP (instance order), then VIP devices, then tracked ones.</summary>
    private static List<(string Name, bool Vrrp)> InterfacesOf(RouterConfig config)
    {
        var list = new List<(string Name, bool Vrrp)>();
        foreach (string n in config.Instances.Select(i => i.Interface).Distinct(StringComparer.Ordinal))
        {
            list.Add((n, true));
        }

        IEnumerable<string> others = config.Instances
            .SelectMany(i => i.VirtualAddresses.AddRange(i.ExcludedAddresses).Select(v => v.Device ?? i.Interface))
            .Concat(config.Instances.SelectMany(i => i.TrackInterfaces.Select(t => t.Interface)));
        foreach (string n in others.Distinct(StringComparer.Ordinal))
        {
            if (!list.Any(x => x.Name == n))
            {
                list.Add((n, false));
            }
        }

        return list;
    }

    private static void ExplicitAddresses(IReadOnlyList<ClusterHost> hosts, List<Slot> slots, HashSet<IPAddress> taken)
    {
        foreach (Slot s in slots.Where(s => s.Vrrp))
        {
            ClusterHost host = hosts[s.Host];
            foreach (VrrpInstanceConfig i in host.Config.Instances.Where(i => i.Interface == s.Name))
            {
                (IPAddress? a, string kw, AddressOrigin o) = i.UnicastSourceAddress is { AddressFamily: AddressFamily.InterNetwork } u
                    ? (u, "unicast_src_ip", AddressOrigin.UnicastSource)
                    : i.MulticastSourceAddress is { AddressFamily: AddressFamily.InterNetwork } m
                        ? (m, "mcast_src_ip", AddressOrigin.MulticastSource)
                        : ((IPAddress?)null, "", AddressOrigin.Placeholder);
                if (a is not null)
                {
                    s.Set(a, PrefixFor(host.Config, s.Name, a), o, $"{kw} of {i.Name} in {host.File}", taken);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Without <c>unicast_src_ip</c> keepalived sends from the interface's primary address, and the
    /// other hosts list that address in their <c>unicast_peer</c>: the address a host's peers list for
    /// the same VRID and that the host does not list itself is its own.
    /// </summary>
    private static void PeerListAddresses(IReadOnlyList<ClusterHost> hosts, string[] names, List<Slot> slots, HashSet<IPAddress> taken)
    {
        foreach (Slot s in slots.Where(s => s.Vrrp && s.Address is null))
        {
            ClusterHost host = hosts[s.Host];
            List<VrrpInstanceConfig> mine = [.. host.Config.Instances.Where(i => i.Interface == s.Name && i.Family == AddressFamily.InterNetwork)];
            var ownPeers = mine.SelectMany(i => i.UnicastPeers).ToHashSet();
            var votes = new List<(IPAddress Address, int Votes, string Evidence)>();
            var selfListed = new List<(IPAddress Address, string Evidence)>();
            for (int g = 0; g < hosts.Count; g++)
            {
                if (g == s.Host)
                {
                    continue;
                }

                var othersOwn = slots.Where(o => o.Host == g && o.Address is not null).Select(o => o.Address!).ToHashSet();
                foreach (VrrpInstanceConfig theirs in hosts[g].Config.Instances.Where(t => mine.Any(m => m.VirtualRouterId == t.VirtualRouterId)))
                {
                    foreach (IPAddress p in theirs.UnicastPeers.Where(p => p.AddressFamily == AddressFamily.InterNetwork && !othersOwn.Contains(p) && !Assigned(slots, p)))
                    {
                        string evidence = $"unicast_peer of {theirs.Name} in {hosts[g].File} ({names[g]})";
                        if (ownPeers.Contains(p))
                        {
                            selfListed.Add((p, evidence));
                            continue;
                        }

                        int at = votes.FindIndex(v => v.Address.Equals(p));
                        if (at < 0)
                        {
                            votes.Add((p, 1, evidence));
                        }
                        else
                        {
                            votes[at] = (p, votes[at].Votes + 1, votes[at].Evidence);
                        }
                    }
                }
            }

            // The best-voted address; a peer list shared by every host (each listing itself) gives
            // its addresses out in host order.
            (IPAddress Address, string Evidence)? pick = votes.Count > 0
                ? votes.OrderByDescending(v => v.Votes).Select(v => (v.Address, v.Evidence)).First()
                : selfListed.Count > 0 ? selfListed[0] : null;
            if (pick is { } p2)
            {
                s.Set(p2.Address, PrefixFor(host.Config, s.Name, p2.Address), AddressOrigin.PeerList, p2.Evidence, taken);
            }
        }
    }

    private static bool Assigned(List<Slot> slots, IPAddress a) => slots.Any(s => a.Equals(s.Address));

    /// <summary>Multicast peers of a VRID whose address is known: the others are assumed in the same subnet.</summary>
    private static void PeerSubnetAddresses(IReadOnlyList<ClusterHost> hosts, string[] names, List<Slot> slots, HashSet<IPAddress> taken)
    {
        for (bool progress = true; progress;)
        {
            progress = false;
            foreach (Slot s in slots.Where(s => s.Vrrp && s.Address is null))
            {
                var vrids = hosts[s.Host].Config.Instances.Where(i => i.Interface == s.Name).Select(i => i.VirtualRouterId).ToHashSet();
                Slot? known = slots.FirstOrDefault(o => o.Host != s.Host && o.Vrrp && o.Address is not null
                    && hosts[o.Host].Config.Instances.Any(i => i.Interface == o.Name && vrids.Contains(i.VirtualRouterId)));
                if (known is null)
                {
                    continue;
                }

                IPAddress a = Free(known.Address!, known.Prefix, s.Host, taken);
                s.Set(a, known.Prefix, AddressOrigin.PeerSubnet, $"assumed in the subnet of {names[known.Host]}'s {known.Name} ({Network(known.Address!, known.Prefix)}/{known.Prefix}), a peer of the same VRID", taken);
                progress = true;
            }
        }
    }

    private static void VipSubnetAddresses(IReadOnlyList<ClusterHost> hosts, List<Slot> slots, HashSet<IPAddress> taken)
    {
        foreach (Slot s in slots.Where(s => s.Address is null))
        {
            RouterConfig config = hosts[s.Host].Config;
            VirtualAddress? vip = config.Instances
                .SelectMany(i => i.VirtualAddresses.AddRange(i.ExcludedAddresses).Where(v => (v.Device ?? i.Interface) == s.Name))
                .FirstOrDefault(v => v.Address.AddressFamily == AddressFamily.InterNetwork);
            if (vip is null)
            {
                continue;
            }

            int prefix = vip.PrefixLength is > 0 and < 31 ? vip.PrefixLength : DefaultPrefix;
            IPAddress a = Free(vip.Address, prefix, s.Host, taken);
            s.Set(a, prefix, AddressOrigin.VipSubnet, $"assumed in the subnet of VIP {vip.Address} ({Network(vip.Address, prefix)}/{prefix})", taken);
        }
    }

    private static void PlaceholderAddresses(List<Slot> slots, HashSet<IPAddress> taken)
    {
        var names = new List<string>();
        foreach (Slot s in slots.Where(s => s.Address is null))
        {
            int k = names.IndexOf(s.Name);
            if (k < 0)
            {
                names.Add(s.Name);
                k = names.Count - 1;
            }

            var net = new IPAddress([10, 254, (byte)(k % 256), 0]);
            s.Set(Free(net, DefaultPrefix, s.Host, taken), DefaultPrefix, AddressOrigin.Placeholder, $"assumed: the files give no address for {s.Name} (placeholder subnet {net}/{DefaultPrefix})", taken);
        }
    }

    /// <summary>Host .11, .12, ... (by host index) in the subnet; on a clash the next free address.</summary>
    private static IPAddress Free(IPAddress inSubnet, int prefix, int hostIndex, HashSet<IPAddress> taken)
    {
        byte[] net = IPAddress.Parse(Network(inSubnet, prefix)).GetAddressBytes();
        uint baseAddr = ((uint)net[0] << 24) | ((uint)net[1] << 16) | ((uint)net[2] << 8) | net[3];
        uint size = prefix >= 31 ? 1u : (1u << (32 - prefix)) - 2;
        for (uint attempt = 0; attempt < Math.Min(size, 4096u); attempt++)
        {
            uint host = ((11u + (uint)hostIndex + attempt - 1) % size) + 1;
            uint a = baseAddr + host;
            var candidate = new IPAddress([(byte)(a >> 24), (byte)(a >> 16), (byte)(a >> 8), (byte)a]);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }

        return new IPAddress([10, 253, (byte)(hostIndex / 250), (byte)((hostIndex % 250) + 1)]);
    }

    /// <summary>The prefix of a VIP on this interface written with one (&lt; 31) that contains the address, else /24.</summary>
    private static int PrefixFor(RouterConfig config, string iface, IPAddress address)
    {
        foreach (VrrpInstanceConfig i in config.Instances)
        {
            foreach (VirtualAddress v in i.VirtualAddresses.AddRange(i.ExcludedAddresses))
            {
                if ((v.Device ?? i.Interface) == iface && v.PrefixLength is > 0 and < 31 && Contains(v.Address, v.PrefixLength, address))
                {
                    return v.PrefixLength;
                }
            }
        }

        return DefaultPrefix;
    }

    private static ImmutableArray<VipPlacement> Placements(IReadOnlyList<ClusterHost> hosts, string[] names, ImmutableArray<DerivedInterface> interfaces)
    {
        var order = new List<IPAddress>();
        var holders = new Dictionary<IPAddress, List<VipHolder>>();
        for (int h = 0; h < hosts.Count; h++)
        {
            foreach (VrrpInstanceConfig i in hosts[h].Config.Instances)
            {
                foreach (VirtualAddress v in i.VirtualAddresses.AddRange(i.ExcludedAddresses))
                {
                    string device = v.Device ?? i.Interface;
                    string segment = interfaces.First(x => x.Node == names[h] && x.Name == device).Segment;
                    if (!holders.TryGetValue(v.Address, out List<VipHolder>? list))
                    {
                        holders[v.Address] = list = [];
                        order.Add(v.Address);
                    }

                    if (!list.Any(x => x.Node == names[h] && x.Instance == i.Name))
                    {
                        list.Add(new VipHolder(names[h], i.Name, i.VirtualRouterId, device, segment));
                    }
                }
            }
        }

        return [.. order.Select(a =>
        {
            List<VipHolder> list = holders[a];
            var home = interfaces.Where(x => a.AddressFamily == AddressFamily.InterNetwork && Contains(x.Address, x.PrefixLength, a))
                .Select(x => x.Segment).Where(s => list.Any(h => h.Segment == s)).Distinct(StringComparer.Ordinal).ToList();
            ImmutableArray<string> segments = home.Count > 0 ? [.. home] : [.. list.Select(h => h.Segment).Distinct(StringComparer.Ordinal)];
            return new VipPlacement(a, [.. list], segments);
        })];
    }

    private static Duration LongestInterval(IReadOnlyList<ClusterHost> hosts)
    {
        Duration longest = Duration.FromSeconds(1);
        foreach (VrrpInstanceConfig i in hosts.SelectMany(h => h.Config.Instances))
        {
            longest = i.AdvertInterval > longest ? i.AdvertInterval : longest;
        }

        return longest;
    }

    private static Duration LongestMasterDown(IReadOnlyList<ClusterHost> hosts)
    {
        Duration longest = Duration.FromSeconds(3);
        foreach (ClusterHost h in hosts)
        {
            foreach (VrrpInstanceConfig i in h.Config.Instances)
            {
                byte lowest = EffectivePriorityRule.Range(i, h.Config.Scripts).Lowest;
                Duration mdi = VrrpTimers.MasterDownInterval(i.Version, lowest, i.AdvertInterval, i.DownTimerAdverts) + h.Config.StartupDelay;
                longest = mdi > longest ? mdi : longest;
            }
        }

        return longest;
    }

    /// <summary>Node names: each host's <c>router_id</c> when the hosts' ids are distinct, else the file name; unique.</summary>
    private static string[] NodeNames(IReadOnlyList<ClusterHost> hosts)
    {
        bool ids = hosts.All(h => h.Config.RouterId is not null)
            && hosts.Select(h => h.Config.RouterId).Distinct(StringComparer.Ordinal).Count() == hosts.Count;
        var names = new string[hosts.Count];
        for (int i = 0; i < hosts.Count; i++)
        {
            string baseName = Sanitize(ids ? hosts[i].Config.RouterId! : Stem(hosts[i].File));
            string name = baseName;
            for (int k = 2; names.Take(i).Contains(name, StringComparer.Ordinal); k++)
            {
                name = baseName + "-" + k.ToString(CultureInfo.InvariantCulture);
            }

            names[i] = name;
        }

        return names;
    }

    private static string Stem(string file)
    {
        string name = file.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        int dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
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
