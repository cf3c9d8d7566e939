namespace VrrpLab.Engine.Wire;

/// <summary>
/// The kinds of a <c>flood</c> (spec/scenario-format.md, timeline): VRRP datagrams naming a VRID,
/// none of them a valid advert for the cluster that runs it.
/// </summary>
public enum FloodKind
{
    /// <summary>Random lengths (2..64 bytes) and bytes after the version/VRID octets; the checksum never verifies.</summary>
    Garbage,

    /// <summary>Well-formed VRRPv2 adverts with simple-text authentication and a password the cluster does not use.</summary>
    WrongAuth,

    /// <summary>Well-formed adverts of the other VRRP version (v3 for a v2 cluster, v2 for a v3 one), as a second cluster reusing the VRID sends.</summary>
    WrongVersion,
}
