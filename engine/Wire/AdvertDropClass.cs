namespace VrrpLab.Engine.Wire;

/// <summary>
/// What kind of packet a drop was, so drivers can count, log and alert on the class without
/// knowing every <see cref="AdvertDropReason"/>: <see cref="AdvertDropReasons.Classify"/>.
/// </summary>
public enum AdvertDropClass
{
    /// <summary>Accepted: no drop.</summary>
    None = 0,

    /// <summary>Not a well-formed VRRP advertisement (length, type, checksum, zero fields, IP header).</summary>
    Malformed,

    /// <summary>Well formed but forged or from off-link: TTL/hop limit not 255, or our own source address.</summary>
    Spoofed,

    /// <summary>
    /// Well formed for another configuration: version, authentication or v2 interval differ from ours
    /// (a misconfigured peer, a second cluster reusing the VRID, or an attacker without the password).
    /// </summary>
    Mismatch,

    /// <summary>For a VRID no instance runs on the receiving interface.</summary>
    NotForUs,

    /// <summary>The instance ignores packets right now (INIT, FAULT, STOP, startup delay).</summary>
    NotListening,

    /// <summary>Valid, but not acted on again so soon (hardened policy).</summary>
    RateLimited,
}
