using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Native;
using VrrpLab.RealNet.Netlink;
using VrrpLab.RealNet.Scripts;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Everything the daemon checks and opens before it starts VRRP, so that each problem is one
/// clear startup error (exit 2): instances to run, interfaces that exist and have an IPv4
/// address, script users that exist, the raw socket (CAP_NET_RAW), rtnetlink (CAP_NET_ADMIN),
/// and libpcap. It also removes VIPs a previous run killed with SIGKILL left behind.
/// </summary>
internal static class DaemonSetup
{
    /// <summary>The configuration restricted to <paramref name="names"/> (all when empty).</summary>
    /// <exception cref="DaemonStartupException">A name that is not an instance, or nothing to run.</exception>
    public static RouterConfig SelectInstances(RouterConfig config, ImmutableArray<string> names, string configName)
    {
        if (!names.IsDefaultOrEmpty)
        {
            foreach (string n in names)
            {
                if (!config.Instances.Any(i => i.Name == n))
                {
                    throw new DaemonStartupException($"{configName}: no vrrp_instance named '{n}' (option --instance)");
                }
            }

            var kept = config.Instances.Where(i => names.Contains(i.Name)).ToImmutableArray();
            var groups = config.SyncGroups
                .Select(g => g with { Instances = g.Instances.Where(names.Contains).ToImmutableArray() })
                .Where(g => g.Instances.Length > 0)
                .ToImmutableArray();
            config = config with { Instances = kept, SyncGroups = groups };
        }

        if (config.Instances.IsDefaultOrEmpty)
        {
            throw new DaemonStartupException($"{configName}: no vrrp_instance to run");
        }

        foreach (VrrpInstanceConfig i in config.Instances)
        {
            if (i.Family == AddressFamily.InterNetworkV6 && !i.UnicastPeers.IsDefaultOrEmpty)
            {
                throw new DaemonStartupException(
                    $"{configName}: vrrp_instance {i.Name}: unicast_peer with IPv6 is not supported by vrrplab daemon yet (use multicast)");
            }
        }

        return config;
    }

    /// <summary>The interfaces the configuration names (instance, VIP devices, tracked), resolved on this host.</summary>
    /// <exception cref="DaemonStartupException">An instance's interface or a VIP's device does not exist, or has no IPv4 address.</exception>
    /// <remarks>
    /// Links and addresses come from one rtnetlink dump each: no <c>NetworkInterface</c> enumeration,
    /// which reads /proc, /sys and resolv.conf for every interface and was the slowest step of start-up.
    /// </remarks>
    public static List<HostInterface> ResolveInterfaces(RouterConfig config, IReadOnlyList<LinkStatus> links, IReadOnlyList<InterfaceAddress> addresses, Action<string> warn)
    {
        var vips = new HashSet<IPAddress>(config.Instances.SelectMany(i => i.VirtualAddresses.Concat(i.ExcludedAddresses)).Select(v => v.Address));
        var required = new List<(string Name, string Why, string Instance, string Keyword)>();
        foreach (VrrpInstanceConfig i in config.Instances)
        {
            required.Add((i.Interface, $"vrrp_instance {i.Name}: interface", i.Name, "interface"));
            foreach (VirtualAddress v in i.VirtualAddresses)
            {
                if (v.Device is not null)
                {
                    required.Add((v.Device, $"vrrp_instance {i.Name}: virtual_ipaddress {v.Address} dev", i.Name, "virtual_ipaddress"));
                }
            }

            foreach (VirtualAddress v in i.ExcludedAddresses)
            {
                if (v.Device is not null)
                {
                    required.Add((v.Device, $"vrrp_instance {i.Name}: virtual_ipaddress_excluded {v.Address} dev", i.Name, "virtual_ipaddress_excluded"));
                }
            }
        }

        var result = new List<HostInterface>();
        foreach ((string name, string why, string instance, string keyword) in required)
        {
            if (result.Any(r => r.Name == name))
            {
                continue;
            }

            result.Add(Resolve(name, links, addresses, vips) ?? throw new DaemonStartupException($"{why} '{name}' does not exist on this host")
            {
                Instance = instance,
                Keyword = keyword,
            });
        }

        foreach (VrrpInstanceConfig i in config.Instances)
        {
            HostInterface main = result.First(r => r.Name == i.Interface);
            if (i.Family == AddressFamily.InterNetworkV6)
            {
                if (main.IPv6LinkLocal is null)
                {
                    throw new DaemonStartupException($"vrrp_instance {i.Name}: interface '{i.Interface}' has no IPv6 link-local address to send adverts from");
                }
            }
            else if (main.IPv4 is null && i.UnicastSourceAddress is null && i.MulticastSourceAddress is null)
            {
                throw new DaemonStartupException($"vrrp_instance {i.Name}: interface '{i.Interface}' has no IPv4 address to send adverts from");
            }

            foreach (InterfaceTrack t in i.TrackInterfaces)
            {
                if (result.Any(r => r.Name == t.Interface))
                {
                    continue;
                }

                HostInterface? tracked = Resolve(t.Interface, links, addresses, vips);
                if (tracked is null)
                {
                    warn($"({i.Name}) track_interface {t.Interface} does not exist - ignoring");
                }
                else
                {
                    result.Add(tracked);
                }
            }
        }

        return result;
    }

    private static HostInterface? Resolve(string name, IReadOnlyList<LinkStatus> links, IReadOnlyList<InterfaceAddress> addresses, HashSet<IPAddress> vips)
    {
        LinkStatus? link = links.FirstOrDefault(l => l.Name == name);
        if (link is null)
        {
            return null;
        }

        IPAddress? v4 = addresses
            .Where(a => a.Index == link.Index && a.Address.AddressFamily == AddressFamily.InterNetwork && !vips.Contains(a.Address))
            .Select(a => a.Address)
            .FirstOrDefault();
        IPAddress? ll = addresses
            .Where(a => a.Index == link.Index && a.Address.AddressFamily == AddressFamily.InterNetworkV6 && a.Address.IsIPv6LinkLocal)
            .Select(a => a.Address)
            .FirstOrDefault();
        if (ll is not null)
        {
            ll = new IPAddress(ll.GetAddressBytes(), link.Index);
        }

        return new HostInterface(name, link.Index, v4, ll, link.Running, link.HardwareAddress);
    }

    /// <summary>Resolves every <c>script_user</c> / script <c>user</c>.</summary>
    /// <exception cref="DaemonStartupException">A user that does not exist.</exception>
    public static (Dictionary<string, (TrackedScript Script, ScriptUser? User)> Scripts, ScriptUser? DefaultUser) ResolveScriptUsers(RouterConfig config)
    {
        ScriptUser? defaultUser = config.ScriptUser is null ? null : LookupUser(config.ScriptUser, "script_user");
        var scripts = new Dictionary<string, (TrackedScript, ScriptUser?)>(StringComparer.Ordinal);
        foreach (TrackedScript s in config.Scripts)
        {
            scripts[s.Name] = (s, s.User is null ? defaultUser : LookupUser(s.User, $"vrrp_script {s.Name}: user"));
        }

        return (scripts, defaultUser);
    }

    private static ScriptUser LookupUser(string name, string what) =>
        ScriptUser.Lookup(name) ?? throw new DaemonStartupException($"{what} '{name}' does not exist on this host");

    /// <summary>
    /// Removes this configuration's VIPs where a previous run (killed with SIGKILL) left them,
    /// except for an address owner (priority 255), whose VIP is its own address.
    /// </summary>
    /// <exception cref="DaemonStartupException">rtnetlink refused (no CAP_NET_ADMIN).</exception>
    public static void RemoveLeftoverAddresses(RouterConfig config, IAddressTable table, KeepalivedLog log)
    {
        foreach (VrrpInstanceConfig i in config.Instances.Where(i => !i.IsAddressOwner))
        {
            foreach (VirtualAddress v in i.VirtualAddresses.Concat(i.ExcludedAddresses))
            {
                string device = v.Device ?? i.Interface;
                int errno = table.Remove(device, v);
                if (errno == 0)
                {
                    log.Write($"({i.Name}) removed leftover VIP {v} from {device}");
                }
                else if (errno is Libc.EPerm or Libc.EAcces)
                {
                    throw new DaemonStartupException(
                        $"cannot change addresses on {device}: {Libc.Describe(errno)} (the daemon needs CAP_NET_ADMIN and CAP_NET_RAW: run it as root or grant them, as vrrplab.service does)");
                }
            }
        }
    }
}
