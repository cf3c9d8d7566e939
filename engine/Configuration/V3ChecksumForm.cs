namespace VrrpLab.Engine.Configuration;

/// <summary>Which checksum a VRRPv3 advertisement over IPv4 carries. Both are accepted on receive.</summary>
public enum V3ChecksumForm
{
    /// <summary>RFC 5798 as deployed (keepalived's and FRR's default): includes the IPv4 pseudo-header.</summary>
    PseudoHeader,

    /// <summary>RFC 9568: the checksum covers the VRRP message only, as in VRRPv2.</summary>
    MessageOnly,
}
