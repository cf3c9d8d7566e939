using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Reading;

/// <summary>
/// The gratuitous ARP lines: global <c>vrrp_garp_*</c> (keepalived 2.2.7 global_parser.c) and instance
/// <c>garp_*</c> (vrrp_parser.c) have the same handlers, and an instance's values lie over the global ones.
/// </summary>
internal sealed partial class ConfigInterpreter
{
    private static bool IsGarpKeyword(string keyword) => keyword is
        "garp_master_delay" or "garp_master_refresh" or "garp_master_repeat" or "garp_master_refresh_repeat" or "garp_lower_prio_delay" or "garp_lower_prio_repeat";

    /// <summary>
    /// A gratuitous ARP line: global <c>vrrp_garp_*</c> and instance <c>garp_*</c> are read alike, their
    /// messages led by <paramref name="owner"/>; a refused refresh interval means 0, its message at <paramref name="refreshAt"/>.
    /// </summary>
    private void Garp(GarpDraft g, ConfigStatement s, string owner, ConfigToken refreshAt)
    {
        switch (s.Name.StartsWith("vrrp_", StringComparison.Ordinal) ? s.Name["vrrp_".Length..] : s.Name)
        {
            case "garp_master_delay":
                g.MasterDelay = DelaySeconds(s, $"{owner}{s.Name} '{s.Arg(0)}' invalid - ignoring") ?? g.MasterDelay;
                break;
            case "garp_master_refresh":
                g.MasterRefresh = Duration.FromSeconds(ReadUnsigned(s, 0, 0, uint.MaxValue, ignoreError: true) ?? WarnZero(refreshAt, $"{owner}Invalid {s.Name} '{s.Arg(0)}' - ignoring"));
                break;
            case "garp_master_repeat":
                g.MasterRepeat = Repeats(s, $"{owner}{s.Name} '{{0}}' invalid - ignoring", $"{owner}{s.Name} must be greater than 0, setting to 1") ?? g.MasterRepeat;
                break;
            case "garp_master_refresh_repeat":
                g.MasterRefreshRepeat = Repeats(s, $"{owner}{s.Name} '{{0}}' invalid - ignoring", $"{owner}{s.Name} must be greater than 0, setting to 1") ?? g.MasterRefreshRepeat;
                break;
            case "garp_lower_prio_delay":
                g.LowerPrioDelay = DelaySeconds(s, $"{owner}{s.Name} '{s.Arg(0)}' invalid - ignoring") ?? g.LowerPrioDelay;
                break;
            case "garp_lower_prio_repeat":
                g.LowerPrioRepeat = (int?)ValueOrWarn(s, ReadUnsigned(s, 0, 0, int.MaxValue, ignoreError: true), $"{owner}Invalid {s.Name} '{s.Arg(0)}'") ?? g.LowerPrioRepeat;
                break;
        }
    }

    /// <summary>A gratuitous ARP delay in whole seconds; null, with <paramref name="refused"/>, when refused.</summary>
    private Duration? DelaySeconds(ConfigStatement s, string refused) =>
        ValueOrWarn(s, ReadUnsigned(s, 0, 0, uint.MaxValue / 1_000_000, ignoreError: true), refused) is { } seconds ? Duration.FromSeconds(seconds) : null;

    private long WarnZero(ConfigToken at, string message)
    {
        Warn(at, message);
        return 0;
    }

    /// <summary>
    /// The gratuitous ARP lines of <c>global_defs</c> (<c>vrrp_garp_*</c>) or of a <c>vrrp_instance</c>
    /// (<c>garp_*</c>) while they are read: null where no line set the value.
    /// </summary>
    internal sealed class GarpDraft
    {
        public Duration? MasterDelay { get; set; }

        public int? MasterRepeat { get; set; }

        public Duration? MasterRefresh { get; set; }

        public int? MasterRefreshRepeat { get; set; }

        public Duration? LowerPrioDelay { get; set; }

        public int? LowerPrioRepeat { get; set; }

        /// <summary><paramref name="under"/> with the values these lines set.</summary>
        public GratuitousArpSettings Over(GratuitousArpSettings under) => under with
        {
            MasterDelay = MasterDelay ?? under.MasterDelay,
            MasterRepeat = MasterRepeat ?? under.MasterRepeat,
            MasterRefresh = MasterRefresh ?? under.MasterRefresh,
            MasterRefreshRepeat = MasterRefreshRepeat ?? under.MasterRefreshRepeat,
            LowerPrioDelay = LowerPrioDelay ?? under.LowerPrioDelay,
            LowerPrioRepeat = LowerPrioRepeat ?? under.LowerPrioRepeat,
        };
    }
}
