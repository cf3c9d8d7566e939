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
        static bool IsV6(VrrpInstanceConfig i) => i.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
        log.Write(options.PacketPolicy == PacketPolicy.Hardened
            ? "Packet policy: hardened (only a valid advert touches a timer; --packet-policy keepalived for keepalived 2.2.7's behaviour)"
            : "Packet policy: keepalived (as keepalived 2.2.7: any packet naming a MASTER's VRID restarts its advert timer)");
        var disposables = new Stack<IDisposable>();
        VrrpDaemonService? service = null;
        try
        {
            // Only what VRRP needs to receive and send adverts comes before the timers are armed:
            // rtnetlink (links, addresses, VIPs), the VRRP sockets, the engine.
            var netlink = RouteNetlinkSocket.Open();
            var addresses = new NetlinkAddressTable(netlink);
            disposables.Push(addresses);
            List<LinkStatus> links = netlink.DumpLinks();
            List<HostInterface> interfaces = DaemonSetup.ResolveInterfaces(config, links, netlink.DumpAddresses(), log.Write);
            var (scripts, defaultUser) = DaemonSetup.ResolveScriptUsers(config);

            var clock = new MonotonicClock(TimeProvider.System);
            var inputs = new DaemonInbox(clock);
            disposables.Push(inputs);
            IReadOnlyList<VrrpSocket> sockets = VrrpSockets.Open(config, interfaces.ToDictionary(i => i.Name, i => i.Index, StringComparer.Ordinal));
            foreach (VrrpSocket socket in sockets)
            {
                disposables.Push(socket);
            }

            DaemonSetup.RemoveLeftoverAddresses(config, addresses, log);

            var arp = new AddressAnnouncer(new PcapGratuitousArpSender());
            disposables.Push(arp);
            HostInterface Host(string name) => interfaces.First(h => h.Name == name);
            IEnumerable<string> Devices(VrrpInstanceConfig i) =>
                i.VirtualAddresses.Concat(i.ExcludedAddresses).Select(v => v.Device ?? i.Interface).Append(i.Interface);
            foreach (string device in config.Instances.Where(IsV6).SelectMany(Devices).Distinct(StringComparer.Ordinal))
            {
                arp.OpenIpv6(device, Host(device).Index, Host(device).HardwareAddress);
            }

            VrrpRouter router;
            List<RouterInterface> routerInterfaces = interfaces.Select(i => new RouterInterface(i.Name, i.IPv4, i.IPv6LinkLocal, i.IsUp)).ToList();
            try
            {
                router = new VrrpRouter(config, routerInterfaces);
            }
            catch (ArgumentException e)
            {
                throw new DaemonStartupException($"{options.ConfigDisplayName}: {e.Message}");
            }

            // track_file: init_file, the inotify watches and the files' values before the instances start.
            var trackFiles = new TrackFileWatcher(inputs, log);
            disposables.Push(trackFiles);
            foreach ((string name, long value) in trackFiles.Watch(config.Files, reload: false))
            {
                router.TrackedFileChanged(default, name, value);
            }

            // track_process: one /proc scan before the instances start (keepalived's read_procs).
            var trackProcesses = new TrackProcessWatcher(inputs, log);
            disposables.Push(trackProcesses);
            foreach ((string name, bool quorum) in trackProcesses.Watch(config.Processes))
            {
                router.TrackedProcessChanged(default, name, quorum);
            }

            using var stopping = new CancellationTokenSource();
            var scriptHost = new ProcessScriptHost(new ScriptProcessRunner(), inputs, scripts, defaultUser, stopping.Token);
            var counters = new DaemonCounters();
            var transport = new SocketAdvertTransport(sockets);
            var performer = new EffectPerformer(transport, addresses, arp, scriptHost, log, counters);
            var receivers = sockets.Select(s => new VrrpReceiver(s, router.Screen, config.PacketPolicy, inputs, counters, log)).ToList();
            foreach (VrrpReceiver receiver in receivers)
            {
                disposables.Push(receiver);
            }

            var monitor = new LinkMonitor(
                RouteNetlinkSocket.Open(subscribeLinks: true),
                interfaces.ToDictionary(i => i.Index, i => (i.Name, i.IsUp)),
                inputs);
            disposables.Push(monitor);
            service = new VrrpDaemonService(router, clock, inputs, performer, log, receivers, () => WritePidFile(options.PidFile));
            disposables.Push(service);
            var reloader = new DaemonReloader(options, log, netlink, receivers, transport, scriptHost, arp, monitor, inputs, counters);
            disposables.Push(reloader);
            reloader.Files = trackFiles;
            reloader.Processes = trackProcesses;
            service.Reloader = reloader.Reload;
            service.StartVrrp();

            // Timers armed. The rest cannot delay an election: libpcap (a gratuitous ARP waits for it,
            // and the first MASTER entry is a Master_Down_Interval away unless an address owner starts
            // as MASTER, which then waits the few ms this takes), the link monitor, and the host.
            arp.OpenIpv4(config.Instances.Where(i => !IsV6(i)).SelectMany(Devices).Distinct(StringComparer.Ordinal)
                .Select(d => (d, Host(d).HardwareAddress)));
            monitor.Start();
            trackFiles.Start();
            trackProcesses.Start();
            if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled)
            {
                // The JIT build only: compile the takeover path now, not during the first takeover.
                Warmup.Run(config, routerInterfaces);
            }

            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
            builder.Logging.ClearProviders();
            builder.Services.AddSystemd();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
            builder.Services.AddSingleton<IHostedService>(service);
            using IHost host = builder.Build();
            IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            service.StopRequested = lifetime.StopApplication;
            // Running (READY=1 sent): what only the start-up needed goes back to the system.
            lifetime.ApplicationStarted.Register(() => StartupPages.Release());
            using var termination = new TerminationWait();
            lifetime.ApplicationStopping.Register(termination.Release);
            host.Start();
            if (config.PacketPolicy == PacketPolicy.Hardened)
            {
                // The kernel hands a process-directed SIGTERM to the main thread, whose wait below it
                // interrupts directly. Waiting at SCHED_RR 1, the main thread takes it at once on a
                // loaded host instead of after other threads' time slices.
                _ = RealtimeScheduling.TryApplyToCurrentThread();
            }

            // SIGTERM -> the event loop, straight from this thread (priority 0 on the wire first); the
            // host's own stop sequence follows from the runtime's relay of the same signal.
            // Once settled (the first transitions and their gratuitous ARPs done), the code and data only they
            // needed go back to the system too; then the wait goes on without a timeout: no more wake-ups.
            TerminationWait.Outcome outcome = termination.Wait(StartupPages.SettleDelay);
            if (outcome == TerminationWait.Outcome.TimedOut)
            {
                StartupPages.Release();
                outcome = termination.Wait();
            }

            if (outcome == TerminationWait.Outcome.Signalled)
            {
                service.RequestStop();
            }

            host.WaitForShutdown();
            stopping.Cancel();
            return service.Failure is null ? 0 : 1;
        }
        catch (DaemonStartupException)
        {
            // A problem found after VRRP started (libpcap): leave as on SIGTERM, then report it (exit 2).
            service?.StopVrrp();
            throw;
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
