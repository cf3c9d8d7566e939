namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>Which VRRP implementation a peer runs.</summary>
public enum PeerKind
{
    /// <summary>keepalived 2.2.7 (Debian package).</summary>
    Keepalived,

    /// <summary><c>vrrplab daemon</c> from this repository.</summary>
    Vrrplab,
}
