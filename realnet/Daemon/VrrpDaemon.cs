using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Arp;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Netlink;
using VrrpLab.RealNet.Scripts;
using VrrpLab.RealNet.Sockets;
using VrrpLab.RealNet.Time;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// <c>vrrplab daemon</c>: runs a keepalived configuration's VRRP instances on this Linux host
/// on Microsoft.Extensions.Hosting (systemd notify readiness under systemd; SIGTERM/SIGINT
/// shut down gracefully).
/// </summary>
public static class VrrpDaemon
{
    /// <summary>
    /// Checks the host, starts VRRP and runs until SIGTERM/SIGINT; returns the exit code
    /// (0 after a clean stop, 1 after an internal error).
    /// </summary>
    /// <param name="config">The configuration (from the keepalived.conf reader).</param>
    /// <param name="options">Command-line options.</param>
    /// <param name="output">Where log lines go (stdout; the journal under systemd).</param>
    /// <exception cref="DaemonStartupException">The daemon cannot run here: the message says why (exit 2).</exception>
    public static int Run(RouterConfig config, DaemonOptions options, TextWriter output)
    {
        var log = new KeepalivedLog(output, options.LogFormat, TimeProvider.System);
        config = DaemonSetup.SelectInstances(config, options.Instances, options.ConfigDisplayName) with { PacketPolicy = options.PacketPolicy };
        log.Write(options.PacketPolicy == PacketPolicy.Hardened
            ? "Packet policy: hardened (only a valid advert touches a timer; --packet-policy keepalived for keepalived 2.2.7's behaviour)"
            : "Packet policy: keepalived (as keepalived 2.2.7: any packet naming a MASTER's VRID restarts its advert timer)");
        var disposables = new Stack<IDisposable>();
        try
        {
            var netlink = RouteNetlinkSocket.Open();
            var addresses = new NetlinkAddressTable(netlink);
            disposables.Push(addresses);
            var links = netlink.DumpLinks().ToDictionary(l => l.Index);
            List<HostInterface> interfaces = DaemonSetup.ResolveInterfaces(config, links, log.Write);
            var (scripts, defaultUser) = DaemonSetup.ResolveScriptUsers(config);

            var inputs = new DaemonInbox();
            disposables.Push(inputs);
            bool IsV6(VrrpInstanceConfig i) => i.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
            IReadOnlyList<VrrpSocket> sockets = VrrpSockets.Open(config, interfaces.ToDictionary(i => i.Name, i => i.Index, StringComparer.Ordinal));
            foreach (VrrpSocket socket in sockets)
            {
                disposables.Push(socket);
            }

            DaemonSetup.RemoveLeftoverAddresses(config, addresses, log);

            var pcap = new PcapGratuitousArpSender();
            var arp = new AddressAnnouncer(pcap);
            disposables.Push(arp);
            pcap.Open(config.Instances.Where(i => !IsV6(i)).SelectMany(i =>
                i.VirtualAddresses.Concat(i.ExcludedAddresses).Select(v => v.Device ?? i.Interface).Append(i.Interface)));
            foreach (VrrpInstanceConfig i in config.Instances.Where(IsV6))
            {
                foreach (string device in i.VirtualAddresses.Concat(i.ExcludedAddresses).Select(v => v.Device ?? i.Interface).Append(i.Interface))
                {
                    arp.OpenIpv6(device, interfaces.First(h => h.Name == device).Index);
                }
            }
            var monitor = new LinkMonitor(
                RouteNetlinkSocket.Open(subscribeLinks: true, receiveTimeout: TimeSpan.FromMilliseconds(250)),
                interfaces.ToDictionary(i => i.Index, i => (i.Name, i.IsUp)),
                inputs);
            disposables.Push(monitor);

            VrrpRouter router;
            try
            {
                List<RouterInterface> routerInterfaces = interfaces.Select(i => new RouterInterface(i.Name, i.IPv4, i.IPv6LinkLocal, i.IsUp)).ToList();
                router = new VrrpRouter(config, routerInterfaces);
                Warmup.Run(config, routerInterfaces);
            }
            catch (ArgumentException e)
            {
                throw new DaemonStartupException($"{options.ConfigDisplayName}: {e.Message}");
            }

            using var stopping = new CancellationTokenSource();
            var scriptHost = new ProcessScriptHost(new ScriptProcessRunner(), inputs, scripts, defaultUser, stopping.Token);
            var counters = new DaemonCounters();
            var performer = new EffectPerformer(new SocketAdvertTransport(sockets), addresses, arp, scriptHost, log, counters);
            var receivers = sockets.Select(s => new VrrpReceiver(s, router.Screen, config.PacketPolicy, inputs, counters, log)).ToList();
            foreach (VrrpReceiver receiver in receivers)
            {
                disposables.Push(receiver);
            }

            var clock = new MonotonicClock(TimeProvider.System);
            var service = new VrrpDaemonService(router, clock, inputs, performer, log, receivers, () =>
            {
                monitor.Start();
                WritePidFile(options.PidFile);
            });

            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
            builder.Logging.ClearProviders();
            builder.Services.AddSystemd();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
            builder.Services.AddSingleton<IHostedService>(service);
            using IHost host = builder.Build();
            IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            service.StopRequested = lifetime.StopApplication;
            host.Run();
            stopping.Cancel();
            return service.Failure is null ? 0 : 1;
        }
        finally
        {
            while (disposables.Count > 0)
            {
                disposables.Pop().Dispose();
            }

            if (options.PidFile is not null)
            {
                try
                {
                    File.Delete(options.PidFile);
                }
                catch (IOException)
                {
                    // Best effort.
                }
            }
        }
    }

    private static void WritePidFile(string? path)
    {
        if (path is null)
        {
            return;
        }

        string tmp = path + ".tmp";
        File.WriteAllText(tmp, Environment.ProcessId + "\n");
        File.Move(tmp, path, overwrite: true);
    }
}
