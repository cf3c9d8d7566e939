namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// <c>vrrplab daemon --config CONF</c>: this repository's daemon (the JIT build or the native one, see
/// <see cref="DaemonLocator"/>), logging on stdout.
/// </summary>
public sealed class DaemonPeer(LanHost host, string name, string workDirectory) : VrrpPeer(host, name, workDirectory)
{
    /// <inheritdoc/>
    public override PeerKind Kind => PeerKind.Vrrplab;

    /// <summary>Options after <c>--config</c>, e.g. <c>--packet-policy keepalived</c> (set before starting).</summary>
    public IReadOnlyList<string> Options { get; set; } = [];

    /// <inheritdoc/>
    /// <remarks>
    /// Through <c>env --default-signal=HUP</c>: a test run started under <c>nohup</c> hands its children SIGHUP
    /// ignored, which the .NET runtime keeps, so the daemon's reload never ran (CI of 2026-12-06 03:15 under
    /// nohup: every reload test). systemd starts the daemon with the default disposition; this restores it.
    /// </remarks>
    protected override IEnumerable<string> CommandLine() =>
        ["env", SighupIgnored ? "--ignore-signal=HUP" : "--default-signal=HUP", .. DaemonLocator.Command, "daemon", "--config", ConfigPath, .. Options];

    /// <summary>Start the daemon with SIGHUP ignored, as <c>nohup</c> does (set before starting).</summary>
    public bool SighupIgnored { get; set; }
}
