namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary><c>dotnet vrrplab.dll daemon --config CONF</c>: this repository's daemon, logging on stdout.</summary>
public sealed class DaemonPeer(LanHost host, string name, string workDirectory) : VrrpPeer(host, name, workDirectory)
{
    /// <inheritdoc/>
    public override PeerKind Kind => PeerKind.Vrrplab;

    /// <inheritdoc/>
    protected override IEnumerable<string> CommandLine() => ["dotnet", DaemonLocator.VrrplabDll, "daemon", "--config", ConfigPath];
}
