using System.CommandLine;
using VrrpLab.Cli.Daemon;
using VrrpLab.Engine.Configuration;
using VrrpLab.RealNet;
using VrrpLab.RealNet.Daemon;
using VrrpLab.RealNet.Logging;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab daemon --config FILE [--instance NAME]...</c>: runs the configuration's VRRP instances
/// on this Linux host (raw sockets, VIPs through rtnetlink, gratuitous ARP) until SIGTERM/SIGINT.
/// </summary>
public sealed class DaemonCommand(string defaultConfigPath = DaemonCommand.DefaultConfigPath) : Verb(
    "daemon",
    "run VRRP for real on this host from a keepalived.conf",
    usage: """
        usage: vrrplab daemon [--config FILE] [--instance NAME]... [--pid-file FILE]
                              [--log-format keepalived|journal|precise]
                              [--packet-policy hardened|keepalived]
        """,
    about: """
        Runs the vrrp_instance blocks of a keepalived.conf on this Linux host, as a VRRP peer of
        keepalived: adverts on raw sockets (IP protocol 112, TTL 255), VIPs added and removed through
        rtnetlink, gratuitous ARPs, vrrp_script checks and notify scripts. Log lines keep keepalived's
        wording ("(VI_1) Entering MASTER STATE") on stdout. SIGTERM or SIGINT: a MASTER sends priority
        0 and removes its VIPs, then the daemon exits 0. SIGHUP (systemctl reload) re-reads the file as
        keepalived does: an instance with the same VRID, family and interface keeps its state and VIPs,
        removed ones leave (a MASTER with priority 0), new ones start as at boot; a file with errors is
        refused (logged at its line) and the running configuration kept. Needs CAP_NET_RAW and
        CAP_NET_ADMIN (root).
        """,
    epilogue: """
        Exit codes: 0 stopped by a signal; 1 internal error; 2 bad option, a config the reader
        rejects, an interface that does not exist, or a missing capability.
        """)
{
    /// <summary>The configuration run without <c>--config</c>: keepalived's own default.</summary>
    public const string DefaultConfigPath = "/etc/keepalived/keepalived.conf";

    private Option<string> _config = null!;
    private Option<string[]> _instance = null!;
    private Option<string> _pidFile = null!;
    private Option<string> _logFormat = null!;
    private Option<string> _packetPolicy = null!;

    /// <inheritdoc/>
    protected override void Define()
    {
        _config = Value("--config", "FILE", "keepalived.conf to run (default: /etc/keepalived/keepalived.conf)");
        _instance = Repeatable("--instance", "NAME", "run only this vrrp_instance (repeatable; default: all)");
        _pidFile = Value("--pid-file", "FILE", "write the pid here once VRRP has started (readiness); removed on exit");
        _logFormat = Choice("--log-format", "F", "keepalived: \"Wed Nov 25 17:12:41 2026: text\" like keepalived -l (default)\n"
            + "journal: the text only (default under systemd)\n"
            + "precise: \"2026-11-25T17:12:41.123456Z text\" (UTC, microseconds)",
            () => Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null ? "journal" : "keepalived", "keepalived", "journal", "precise");
        _packetPolicy = Choice("--packet-policy", "P", "hardened (default): only an advert that passes every check can touch a\n"
            + "timer; a MASTER advertises every interval whatever arrives, so garbage\n"
            + "naming the VRID cannot silence it. Invalid packets are dropped early (a\n"
            + "socket filter in the kernel, then the engine's checks on the receive\n"
            + "thread) and logged at most once per reason per 10 s.\n"
            + "keepalived: keepalived 2.2.7's behaviour, for comparison: any packet\n"
            + "naming a MASTER's VRID restarts its advert timer (docs/packet-policy.md)",
            () => "hardened", "hardened", "keepalived");
    }

    /// <summary>
    /// keepalived.conf keywords the daemon cannot honour yet and that would change what the network
    /// sees: refused at start (exit 2, at their line) rather than ignored.
    /// </summary>
    private static readonly (string Keyword, string Why)[] UnsupportedKeywords =
    [
        ("use_vmac", "it would run the VIP on a virtual MAC interface (vrrp.N) that vrrplab does not create, so clients would keep the old MAC"),
        ("vmac_xmit_base", "it belongs to use_vmac, which vrrplab does not support"),
    ];

    /// <summary>The refusal message for the first unsupported keyword in an instance, or null.</summary>
    internal static string? Unsupported(DaemonConfigLoad load)
    {
        foreach (VrrpLab.Config.Reading.InstanceSyntax instance in load.Source?.Instances ?? [])
        {
            foreach ((string keyword, string why) in UnsupportedKeywords)
            {
                if (instance.Has(keyword))
                {
                    return $"{instance.At(keyword)}: vrrplab daemon: vrrp_instance {instance.Name}: {keyword} is not supported yet: {why}; remove it, or keep keepalived on this host";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// SIGHUP: reads the file again with the same checks as at start (reader errors, unsupported
    /// keywords); the daemon refuses the reload when the configuration is null.
    /// </summary>
    public static ConfigReload Reread(string configPath)
    {
        DaemonConfigLoad load = DaemonConfigLoader.Load(configPath);
        var messages = load.Messages.ToList();
        RouterConfig? config = load.Config;
        if (config is not null && Unsupported(load) is { } refusal)
        {
            messages.Add(refusal);
            config = null;
        }

        return new ConfigReload(config, messages)
        {
            Locate = (instance, keyword) => load.Source?.Instance(instance) is { } syntax ? syntax.At(keyword).ToString() : null,
        };
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stdout = parsed.Stdout;
        TextWriter stderr = parsed.Stderr;
        string configPath = parsed.Value(_config) ?? defaultConfigPath;
        string format = parsed.Value(_logFormat)!;
        string policy = parsed.Value(_packetPolicy)!;

        DaemonConfigLoad load = DaemonConfigLoader.Load(configPath);
        foreach (string line in load.Messages)
        {
            stderr.WriteLine(line);
        }

        if (load.Config is null)
        {
            return ExitCodes.Usage;
        }

        if (Unsupported(load) is { } refusal)
        {
            stderr.WriteLine(refusal);
            return ExitCodes.Usage;
        }

        var options = new DaemonOptions
        {
            ConfigDisplayName = configPath,
            Instances = [.. parsed.Values(_instance)],
            PidFile = parsed.Value(_pidFile),
            LogFormat = format switch
            {
                "journal" => LogFormat.Journal,
                "precise" => LogFormat.Precise,
                _ => LogFormat.Keepalived,
            },
            PacketPolicy = policy == "keepalived" ? PacketPolicy.Keepalived : PacketPolicy.Hardened,
            ReloadConfig = () => Reread(configPath),
        };

        try
        {
            return VrrpDaemon.Run(load.Config, options, stdout);
        }
        catch (DaemonStartupException e)
        {
            // A problem that comes from a line of the configuration is reported at that line.
            string at = e.Instance is not null && load.Source?.Instance(e.Instance) is { } syntax
                ? syntax.At(e.Keyword ?? "vrrp_instance") + ": "
                : "";
            stderr.WriteLine(at + "vrrplab daemon: " + e.Message);
            return ExitCodes.Usage;
        }
    }
}
