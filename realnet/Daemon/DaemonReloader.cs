using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.RealNet.Arp;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Netlink;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// SIGHUP (<c>systemctl reload</c>) on the event loop: re-reads the configuration, checks it against the
/// host as a start would (instances, interfaces, script users, sockets, libpcap) and only then hands the
/// running instances over to a router for it (<see cref="VrrpRouter.Reload"/>). Any problem refuses the
/// reload with its file:line message and the running configuration goes on untouched, where keepalived
/// 2.2.7 would exit (without <c>reload_check_config</c>) and leave its VIPs behind.
/// </summary>
internal sealed class DaemonReloader : IDisposable
{
    private readonly DaemonOptions _options;
    private readonly KeepalivedLog _log;
    private readonly RouteNetlinkSocket _netlink;
    private readonly List<VrrpReceiver> _receivers;
    private readonly SocketAdvertTransport _transport;
    private readonly ProcessScriptHost _scripts;
    private readonly AddressAnnouncer _arp;
    private readonly LinkMonitor _monitor;
    private readonly DaemonInbox _inbox;
    private readonly DaemonCounters _counters;
    private List<VrrpSocket>? _ownedSockets;

    public DaemonReloader(
        DaemonOptions options,
        KeepalivedLog log,
        RouteNetlinkSocket netlink,
        List<VrrpReceiver> receivers,
        SocketAdvertTransport transport,
        ProcessScriptHost scripts,
        AddressAnnouncer arp,
        LinkMonitor monitor,
        DaemonInbox inbox,
        DaemonCounters counters)
    {
        _options = options;
        _log = log;
        _netlink = netlink;
        _receivers = receivers;
        _transport = transport;
        _scripts = scripts;
        _arp = arp;
        _monitor = monitor;
        _inbox = inbox;
        _counters = counters;
    }

    /// <summary>The <c>track_file</c> watcher: a reload watches the new file's tracked files.</summary>
    public TrackFileWatcher? Files { get; set; }

    /// <summary>The <c>track_process</c> watcher: a reload counts the new file's tracked processes.</summary>
    public TrackProcessWatcher? Processes { get; set; }

    /// <summary>Reloads on the event loop; null when the reload was refused (the reason is logged).</summary>
    public RouterReload? Reload(VrrpRouter current, Instant now)
    {
        _log.Write("Reloading ...");
        if (_options.ReloadConfig is null)
        {
            _log.Write("SIGHUP: reloading is not available here; the running configuration is kept");
            return null;
        }

        ConfigReload read;
        try
        {
            read = _options.ReloadConfig();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse($"{_options.ConfigDisplayName}: {e.Message}");
        }

        foreach (string line in read.Messages)
        {
            _log.Write(line);
        }

        if (read.Config is null)
        {
            return Refuse($"{_options.ConfigDisplayName} has errors (above)");
        }

        List<VrrpSocket>? opened = null;
        try
        {
            RouterConfig config = DaemonSetup.SelectInstances(read.Config, _options.Instances, _options.ConfigDisplayName)
                with { PacketPolicy = current.Config.PacketPolicy };
            List<LinkStatus> links = _netlink.DumpLinks();
            List<HostInterface> interfaces = DaemonSetup.ResolveInterfaces(config, links, _netlink.DumpAddresses(), _log.Write);
            var (scripts, _) = DaemonSetup.ResolveScriptUsers(config);
            HostInterface Host(string name) => interfaces.First(h => h.Name == name);
            static bool IsV6(VrrpInstanceConfig i) => i.Family == AddressFamily.InterNetworkV6;
            IEnumerable<string> Devices(VrrpInstanceConfig i) =>
                i.VirtualAddresses.Concat(i.ExcludedAddresses).Select(v => v.Device ?? i.Interface).Append(i.Interface);
            foreach (string device in config.Instances.Where(IsV6).SelectMany(Devices).Distinct(StringComparer.Ordinal))
            {
                _arp.OpenIpv6(device, Host(device).Index, Host(device).HardwareAddress);
            }

            _arp.OpenMoreIpv4(config.Instances.Where(i => !IsV6(i)).SelectMany(Devices).Distinct(StringComparer.Ordinal)
                .Select(d => (d, Host(d).HardwareAddress)));
            if (SocketPlan(config) != SocketPlan(current.Config))
            {
                opened = [.. VrrpSockets.Open(config, interfaces.ToDictionary(i => i.Name, i => i.Index, StringComparer.Ordinal))];
            }

            RouterReload reload;
            try
            {
                reload = current.Reload(now, config, interfaces.Select(i => new RouterInterface(i.Name, i.IPv4, i.IPv6LinkLocal, i.IsUp)).ToList());
            }
            catch (ArgumentException e)
            {
                throw new DaemonStartupException($"{_options.ConfigDisplayName}: {e.Message}");
            }

            // From here nothing can fail: the new router runs.
            SwapReceivers(reload.Router, opened);
            opened = null;
            _scripts.Replace(scripts);
            foreach (HostInterface i in interfaces)
            {
                _monitor.Watch(i.Index, i.Name, i.IsUp);
            }

            foreach (InstanceReload i in reload.Instances)
            {
                _log.Write(i.Kind switch
                {
                    InstanceReloadKind.Removed => $"({i.Name}) removed from the configuration",
                    InstanceReloadKind.Added => $"({i.Name}) added to the configuration",
                    _ => $"({i.Name}) continues in {i.State.ToString().ToUpperInvariant()} state",
                });
            }

            foreach ((string name, long value) in Files?.Watch(reload.Router.Config.Files, reload: true) ?? [])
            {
                _inbox.Post(new TrackedFileInput(name, value));
            }

            if (Processes is not null)
            {
                foreach ((string name, bool quorum) in Processes.Watch(reload.Router.Config.Processes))
                {
                    _inbox.Post(new TrackedProcessInput(name, quorum));
                }

                Processes.Start();
            }

            _log.Write("Reload complete");
            return reload;
        }
        catch (DaemonStartupException e)
        {
            foreach (VrrpSocket s in opened ?? [])
            {
                s.Dispose();
            }

            string? at = e.Instance is not null ? read.Locate?.Invoke(e.Instance, e.Keyword ?? "vrrp_instance") : null;
            return Refuse(at is null ? e.Message : $"{at}: {e.Message}");
        }
    }

    private RouterReload? Refuse(string why)
    {
        _log.Write($"Reload refused: {why}; the running configuration is kept");
        return null;
    }

    /// <summary>The sockets a configuration needs: one per interface and family, filtered for its VRIDs and versions.</summary>
    private static string SocketPlan(RouterConfig config) => string.Join(
        ";",
        config.Instances
            .GroupBy(i => (i.Interface, i.Family))
            .OrderBy(g => g.Key.Interface, StringComparer.Ordinal).ThenBy(g => g.Key.Family)
            .Select(g => $"{g.Key.Interface}/{g.Key.Family}:" + string.Join(",", g.Select(i => $"{i.Version}-{i.VirtualRouterId}").Distinct().Order(StringComparer.Ordinal))))
        + "|" + config.PacketPolicy;

    /// <summary>
    /// Points the receivers at the new router's screen; when the new configuration needs other sockets,
    /// the new ones take over first (receivers started, adverts sent on them) and the old ones close.
    /// </summary>
    private void SwapReceivers(VrrpRouter router, List<VrrpSocket>? opened)
    {
        if (opened is null)
        {
            foreach (VrrpReceiver r in _receivers)
            {
                r.Screen = router.Screen;
            }

            return;
        }

        var fresh = opened.Select(s => new VrrpReceiver(s, router.Screen, router.Config.PacketPolicy, _inbox, _counters, _log)).ToList();
        foreach (VrrpReceiver r in fresh)
        {
            r.Start();
        }

        _transport.Sockets = opened;
        List<VrrpReceiver> old = [.. _receivers];
        _receivers.Clear();
        _receivers.AddRange(fresh);
        foreach (VrrpReceiver r in old)
        {
            r.Dispose();
            r.Socket.Dispose();
        }

        _ownedSockets = opened;
    }

    /// <summary>Closes the sockets a reload opened (those from the start belong to the daemon).</summary>
    public void Dispose()
    {
        foreach (VrrpSocket s in _ownedSockets ?? [])
        {
            s.Dispose();
        }
    }
}
