namespace VrrpLab.Tests.Shared;

/// <summary>
/// The addresses the engine and socket tests give their routers and packets, defined once: the
/// pair on 10.0.0.0/24 (the router under test, its peer, a peer with a lower primary address, the
/// VIP), the VRRP groups, and the sender of the wire tests (documentation and link-local ranges).
/// </summary>
internal static class TestAddresses
{
    /// <summary>The router under test: node1 of the pair.</summary>
    public static readonly IPAddress Self = IPAddress.Parse("10.0.0.11");

    /// <summary>Its peer (node2), whose primary address is above <see cref="Self"/>'s.</summary>
    public static readonly IPAddress Peer = IPAddress.Parse("10.0.0.12");

    /// <summary>A peer whose primary address is below <see cref="Self"/>'s.</summary>
    public static readonly IPAddress Lower = IPAddress.Parse("10.0.0.5");

    /// <summary>The pair's virtual address.</summary>
    public static readonly IPAddress Vip = IPAddress.Parse("10.0.0.100");

    /// <summary>The VRRP group (RFC 3768, RFC 9568 for IPv4).</summary>
    public static readonly IPAddress Group = IPAddress.Parse("224.0.0.18");

    /// <summary>The VRRP group for IPv6 (RFC 9568).</summary>
    public static readonly IPAddress Group6 = IPAddress.Parse("ff02::12");

    /// <summary>The sender of the wire tests' adverts (RFC 5737 documentation range).</summary>
    public static readonly IPAddress Source = IPAddress.Parse("192.0.2.10");

    /// <summary>The sender of the wire tests' IPv6 adverts (link-local, as RFC 9568 sends them).</summary>
    public static readonly IPAddress Source6 = IPAddress.Parse("fe80::a");
}
