namespace VrrpLab.Engine.Configuration;

/// <summary>VRRP protocol version: 2 (RFC 3768) or 3 (RFC 5798 / RFC 9568).</summary>
public enum VrrpVersion
{
    /// <summary>VRRPv2, RFC 3768: whole-second intervals, optional simple-text authentication.</summary>
    V2 = 2,

    /// <summary>VRRPv3, RFC 5798 / RFC 9568: centisecond intervals, no authentication.</summary>
    V3 = 3,
}
