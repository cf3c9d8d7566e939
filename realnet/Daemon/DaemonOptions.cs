using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;
using VrrpLab.RealNet.Logging;

namespace VrrpLab.RealNet.Daemon;

/// <summary>How <c>vrrplab daemon</c> runs (its command-line options other than the config).</summary>
public sealed record DaemonOptions
{
    /// <summary>The configuration file's name, for messages.</summary>
    public string ConfigDisplayName { get; init; } = "keepalived.conf";

    /// <summary><c>--instance NAME</c>: run only these instances (empty = all).</summary>
    public ImmutableArray<string> Instances { get; init; } = [];

    /// <summary><c>--pid-file FILE</c>: written once the daemon has started (readiness), removed on exit.</summary>
    public string? PidFile { get; init; }

    /// <summary><c>--log-format</c>.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Keepalived;

    /// <summary>
    /// <c>--packet-policy</c>: what received packets may do to timers. Hardened by default (a flood of
    /// invalid packets cannot silence a MASTER); <see cref="PacketPolicy.Keepalived"/> behaves as keepalived
    /// 2.2.7 (docs/packet-policy.md).
    /// </summary>
    public PacketPolicy PacketPolicy { get; init; } = PacketPolicy.Hardened;

    /// <summary>
    /// Re-reads the configuration file on SIGHUP (<c>systemctl reload</c>); null: SIGHUP is logged and
    /// ignored. The CLI passes its keepalived.conf reader, so realnet needs no reference to it.
    /// </summary>
    public Func<ConfigReload>? ReloadConfig { get; init; }
}
