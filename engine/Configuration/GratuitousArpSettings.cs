using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Configuration;

/// <summary>
/// keepalived's gratuitous ARP timing for one instance (<c>garp_master_*</c>, <c>garp_lower_prio_*</c>).
/// </summary>
/// <param name="MasterDelay">Delay of the second burst after becoming MASTER (<c>garp_master_delay</c>, 5 s; 0 = none).</param>
/// <param name="MasterRepeat">GARPs per VIP in each burst on becoming MASTER (<c>garp_master_repeat</c>, 5).</param>
/// <param name="MasterRefresh">Period of refresh bursts while MASTER (<c>garp_master_refresh</c>, 0 = off).</param>
/// <param name="MasterRefreshRepeat">GARPs per VIP in a refresh burst (<c>garp_master_refresh_repeat</c>, 1).</param>
/// <param name="LowerPrioDelay">Delay of the second burst after hearing a lower-priority advert as MASTER (<c>garp_lower_prio_delay</c>; keepalived defaults it to the GARP delay, 5 s; 0 = none).</param>
/// <param name="LowerPrioRepeat">GARPs per VIP sent when MASTER hears a lower-priority advert (<c>garp_lower_prio_repeat</c>, 5).</param>
public sealed record GratuitousArpSettings(
    Duration MasterDelay,
    int MasterRepeat,
    Duration MasterRefresh,
    int MasterRefreshRepeat,
    Duration LowerPrioDelay,
    int LowerPrioRepeat)
{
    /// <summary>keepalived 2.2.7's defaults (vrrp_complete_init: the lower-priority burst and delay default to the master ones).</summary>
    public static readonly GratuitousArpSettings Default = new(
        Duration.FromSeconds(5), 5, Duration.Zero, 1, Duration.FromSeconds(5), 5);
}
