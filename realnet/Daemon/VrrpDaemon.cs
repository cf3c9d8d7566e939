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
        config = DaemonSetup.SelectInstances(config, options.Instances, options.ConfigDisplayName);
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
            var sockets = new Dictionary<string, VrrpSocket>(StringComparer.Ordinal);
            foreach (string name in config.Instances.Where(i => !IsV6(i)).Select(i => i.Interface).Distinct(StringComparer.Ordinal))
            {
                VrrpSocket socket = VrrpSocket.Open(name, interfaces.First(i => i.Name == name).Index);
                disposables.Push(socket);
                sockets[name] = socket;
            }

            var sockets6 = new Dictionary<string, Vrrp6Socket>(StringComparer.Ordinal);
            foreach (string name in config.Instances.Where(IsV6).Select(i => i.Interface).Distinct(StringComparer.Ordinal))
            {
                Vrrp6Socket socket = Vrrp6Socket.Open(name, interfaces.First(i => i.Name == name).Index);
                disposables.Push(socket);
                sockets6[name] = socket;
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
            var performer = new EffectPerformer(new SocketAdvertTransport(sockets, sockets6), addresses, arp, scriptHost, log, new DaemonCounters());
            var clock = new MonotonicClock(TimeProvider.System);
            var service = new VrrpDaemonService(router, clock, inputs, performer, log, sockets, () =>
            {
                monitor.Start();
                foreach (Vrrp6Socket s6 in sockets6.Values)
                {
                    s6.Start(inputs);
                }

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
