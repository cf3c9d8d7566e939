namespace VrrpLab.Engine.Configuration;

/// <summary>VRRPv2 authentication type (RFC 3768 section 5.3.6).</summary>
public enum AuthType : byte
{
    /// <summary>No authentication (0).</summary>
    None = 0,

    /// <summary>Simple text password (1): keepalived's <c>auth_type PASS</c>.</summary>
    SimpleText = 1,

    /// <summary>IP Authentication Header (2): keepalived's <c>auth_type AH</c>; not carried in the VRRP message.</summary>
    IpAh = 2,
}
