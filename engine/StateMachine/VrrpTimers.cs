using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The timer formulas of VRRP, in integer microseconds with keepalived's rounding (integer
/// division, i.e. rounded down): <c>skew_time = (256 - priority) * TIMER_HZ / 256</c> for v2 and
/// <c>(256 - priority) * master_adver_int / 256</c> for v3;
/// <c>ms_down_timer = down_timer_adverts * master_adver_int + skew_time</c>.
/// </summary>
public static class VrrpTimers
{
    /// <summary>
    /// Skew_Time. v2 (RFC 3768 section 6.1): (256 - priority) / 256 seconds, not scaled by the interval.
    /// v3 (RFC 9568 section 6.1): (256 - priority) x Master_Adver_Interval / 256.
    /// </summary>
    /// <example>v2, priority 100: 609375 us; priority 50: 804687 us.</example>
    public static Duration SkewTime(VrrpVersion version, int priority, Duration masterAdvertInterval)
    {
        long basis = version == VrrpVersion.V2 ? 1_000_000 : masterAdvertInterval.Microseconds;
        return Duration.FromMicroseconds((256 - priority) * basis / 256);
    }

    /// <summary>
    /// Master_Down_Interval = <paramref name="downTimerAdverts"/> (3) x Master_Adver_Interval + Skew_Time.
    /// </summary>
    /// <example>v2, advert_int 5 s, priority 100: 15.609375 s; priority 50: 15.804687 s.</example>
    public static Duration MasterDownInterval(VrrpVersion version, int priority, Duration masterAdvertInterval, int downTimerAdverts = 3) =>
        masterAdvertInterval * downTimerAdverts + SkewTime(version, priority, masterAdvertInterval);
}
