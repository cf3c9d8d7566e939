using System.Net;

namespace VrrpLab.Sim.Clusters;

/// <summary>One interface of a derived host: where it is plugged in and with which address.</summary>
/// <param name="Node">The node (host) name.</param>
/// <param name="Name">Interface name as the configuration writes it.</param>
/// <param name="Segment">The simulated segment (one per subnet).</param>
/// <param name="Address">Primary IPv4 address.</param>
/// <param name="PrefixLength">Prefix length of the subnet.</param>
/// <param name="Origin">How the address was found.</param>
/// <param name="Evidence">The words behind <paramref name="Origin"/>, e.g. <c>unicast_peer of lb2.conf (VI_1)</c>.</param>
/// <param name="CarriesVrrp">True when a <c>vrrp_instance</c> runs on it (not only a VIP device or a tracked interface).</param>
public sealed record DerivedInterface(
    string Node, string Name, string Segment, IPAddress Address, int PrefixLength, AddressOrigin Origin, string Evidence, bool CarriesVrrp)
{
    /// <summary>The subnet, e.g. <c>10.0.0.0/24</c>.</summary>
    public string Subnet => ClusterDerivation.Network(Address, PrefixLength) + "/" + PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
