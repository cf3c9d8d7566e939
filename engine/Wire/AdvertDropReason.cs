namespace VrrpLab.Engine.Wire;

/// <summary>
/// Why a received packet was not accepted as an advertisement. Checks run in keepalived's order:
/// length, TTL, version, authentication, v2 interval, type, checksum, VRID.
/// </summary>
public enum AdvertDropReason
{
    /// <summary>Accepted: no drop.</summary>
    None = 0,

    /// <summary>Shorter than the fixed header, or than the addresses it announces plus auth data.</summary>
    TooShort,

    /// <summary>Longer than the header, addresses and (v2) auth data announce.</summary>
    LengthMismatch,

    /// <summary>IP TTL / hop limit was not 255 (RFC 3768 section 7.1): possibly from off-link.</summary>
    BadTtl,

    /// <summary>Version nibble is neither 2 nor 3, or not the receiver's version.</summary>
    BadVersion,

    /// <summary>v2 authentication type differs from the receiver's.</summary>
    AuthTypeMismatch,

    /// <summary>v2 simple-text password differs from the receiver's.</summary>
    AuthFailure,

    /// <summary>v2 advert interval differs from ours ("advertisement interval mismatch").</summary>
    IntervalMismatch,

    /// <summary>Type nibble is not 1 (ADVERTISEMENT).</summary>
    BadType,

    /// <summary>Checksum does not verify (for v3 over IPv4: in neither form).</summary>
    BadChecksum,

    /// <summary>No instance with this VRID on the interface.</summary>
    UnknownVrid,

    /// <summary>VRID 0 is not a valid virtual router.</summary>
    InvalidVrid,

    /// <summary>Advert interval is zero.</summary>
    ZeroInterval,

    /// <summary>v3 advert with an address count of zero.</summary>
    NoAddresses,

    /// <summary>The IP header is malformed or not VRRP (protocol 112).</summary>
    BadIpHeader,

    /// <summary>Received while the instance ignores packets (FAULT, INIT, STOP or startup delay).</summary>
    NotListening,

    /// <summary>
    /// The source is the instance's own primary address: our own advert looped back, or a forgery (with
    /// multicast loopback off, as the daemon sets it, only a forgery).
    /// </summary>
    OwnAddress,

    /// <summary>
    /// A valid advert a MASTER would answer at once (priority 0, or a lower priority), received within one
    /// advert interval of the previous answer: not answered again (hardened packet policy only).
    /// </summary>
    RateLimited,
}
