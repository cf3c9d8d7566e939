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
    protected override IEnumerable<string> CommandLine() => [.. DaemonLocator.Command, "daemon", "--config", ConfigPath, .. Options];
}
