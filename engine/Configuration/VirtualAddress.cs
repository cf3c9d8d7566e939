using System.Net;

namespace VrrpLab.Engine.Configuration;

/// <summary>
/// One entry of <c>virtual_ipaddress { IP[/len] [dev IF] [label L] }</c>.
/// </summary>
/// <param name="Address">The virtual IP address.</param>
/// <param name="PrefixLength">Prefix length; keepalived's default is /32 (IPv4) or /128 (IPv6).</param>
/// <param name="Device">The interface it is added to; null means the instance's interface.</param>
/// <param name="Label">Optional interface label (IPv4 only).</param>
public sealed record VirtualAddress(IPAddress Address, int PrefixLength, string? Device = null, string? Label = null)
{
    /// <summary>A host address with the default prefix for its family.</summary>
    public static VirtualAddress Host(IPAddress address) =>
        new(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32);

    /// <summary><c>192.0.2.1/32</c> form.</summary>
    public override string ToString() => $"{Address}/{PrefixLength}";
}
