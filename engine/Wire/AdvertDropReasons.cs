namespace VrrpLab.Engine.Wire;

/// <summary>Operations on <see cref="AdvertDropReason"/>.</summary>
public static class AdvertDropReasons
{
    /// <summary>The class of packet a drop reason stands for.</summary>
    public static AdvertDropClass Classify(this AdvertDropReason reason) => reason switch
    {
        AdvertDropReason.None => AdvertDropClass.None,
        AdvertDropReason.BadTtl or AdvertDropReason.OwnAddress => AdvertDropClass.Spoofed,
        AdvertDropReason.BadVersion or AdvertDropReason.AuthTypeMismatch or AdvertDropReason.AuthFailure
            or AdvertDropReason.IntervalMismatch => AdvertDropClass.Mismatch,
        AdvertDropReason.UnknownVrid => AdvertDropClass.NotForUs,
        AdvertDropReason.NotListening => AdvertDropClass.NotListening,
        AdvertDropReason.RateLimited => AdvertDropClass.RateLimited,
        _ => AdvertDropClass.Malformed,
    };

    /// <summary>The reason in the trace's snake_case, e.g. <c>bad_ttl</c>, <c>own_address</c>.</summary>
    public static string ToSnakeCase(this AdvertDropReason reason) => reason switch
    {
        AdvertDropReason.None => "none",
        AdvertDropReason.TooShort => "too_short",
        AdvertDropReason.LengthMismatch => "length_mismatch",
        AdvertDropReason.BadTtl => "bad_ttl",
        AdvertDropReason.BadVersion => "bad_version",
        AdvertDropReason.AuthTypeMismatch => "auth_type_mismatch",
        AdvertDropReason.AuthFailure => "auth_failure",
        AdvertDropReason.IntervalMismatch => "interval_mismatch",
        AdvertDropReason.BadType => "bad_type",
        AdvertDropReason.BadChecksum => "bad_checksum",
        AdvertDropReason.UnknownVrid => "unknown_vrid",
        AdvertDropReason.InvalidVrid => "invalid_vrid",
        AdvertDropReason.ZeroInterval => "zero_interval",
        AdvertDropReason.NoAddresses => "no_addresses",
        AdvertDropReason.BadIpHeader => "bad_ip_header",
        AdvertDropReason.NotListening => "not_listening",
        AdvertDropReason.OwnAddress => "own_address",
        AdvertDropReason.RateLimited => "rate_limited",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
