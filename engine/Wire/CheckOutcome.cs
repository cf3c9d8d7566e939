namespace VrrpLab.Engine.Wire;

/// <summary>The verdict of one validation check in an <see cref="AdvertisementInspection"/>.</summary>
public enum CheckOutcome
{
    /// <summary>The check does not apply (e.g. a v2 checksum form on a v3 message, auth on v3, or no expectations given).</summary>
    NotApplicable = 0,

    /// <summary>The check passed.</summary>
    Pass,

    /// <summary>The check failed: a receiver drops the packet.</summary>
    Fail,

    /// <summary>The check could not be made (e.g. a pseudo-header checksum without the IP source address).</summary>
    Unknown,
}
