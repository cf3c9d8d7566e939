namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// <c>vrrplab daemon --config CONF</c>: this repository's daemon (the JIT build or the native one, see
/// <see cref="DaemonLocator"/>), logging on stdout.
/// </summary>
public sealed class DaemonPeer(LanHost host, string name, string workDirectory) : VrrpPeer(host, name, workDirectory)
{
    /// <inheritdoc/>
    public override PeerKind Kind => PeerKind.Vrrplab;

    /// <inheritdoc/>
    protected override IEnumerable<string> CommandLine() => [.. DaemonLocator.Command, "daemon", "--config", ConfigPath];
}
