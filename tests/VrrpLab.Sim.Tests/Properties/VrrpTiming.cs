namespace VrrpLab.Sim.Tests.Properties;

/// <summary>
/// The timer formulas of docs/domain.md section 3, written here independently of the engine so the
/// properties do not check the engine against itself. Integer microseconds, rounded down.
/// </summary>
public static class VrrpTiming
{
    /// <summary>Skew_Time: v2 (256 - prio) / 256 s; v3 (256 - prio) x interval / 256.</summary>
    public static long SkewUs(int version, int priority, long intervalUs) =>
        version == 2 ? (256 - priority) * 1_000_000L / 256 : (256 - priority) * intervalUs / 256;

    /// <summary>Master_Down_Interval = 3 x interval + Skew_Time.</summary>
    public static long MasterDownUs(int version, int priority, long intervalUs) =>
        (3 * intervalUs) + SkewUs(version, priority, intervalUs);
}
