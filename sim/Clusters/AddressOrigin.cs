namespace VrrpLab.Sim.Clusters;

/// <summary>Where a derived interface address comes from, most certain first.</summary>
public enum AddressOrigin
{
    /// <summary>The host's own <c>unicast_src_ip</c>.</summary>
    UnicastSource,

    /// <summary>The host's own <c>mcast_src_ip</c>.</summary>
    MulticastSource,

    /// <summary>Another host lists it in <c>unicast_peer</c> for the same VRID (keepalived then sends from the interface's primary address).</summary>
    PeerList,

    /// <summary>Assumed: in the subnet of a peer of the same VRID whose address is known.</summary>
    PeerSubnet,

    /// <summary>Assumed: in the subnet of a virtual address the interface carries.</summary>
    VipSubnet,

    /// <summary>Assumed: the files say nothing about this interface's network (a private placeholder subnet).</summary>
    Placeholder,
}
