using System.Globalization;

namespace VrrpLab.Engine.Time;

/// <summary>
/// A length of time in whole microseconds. VrrpLab never keeps time as floating seconds:
/// every timer formula (Skew_Time, Master_Down_Interval) is evaluated in integer microseconds.
/// </summary>
public readonly record struct Duration(long Microseconds) : IComparable<Duration>
{
    /// <summary>No time at all.</summary>
    public static readonly Duration Zero = new(0);

    /// <summary>The largest representable duration (used as "never").</summary>
    public static readonly Duration MaxValue = new(long.MaxValue);

    /// <summary>Whole microseconds.</summary>
    public static Duration FromMicroseconds(long us) => new(us);

    /// <summary>Whole milliseconds.</summary>
    public static Duration FromMilliseconds(long ms) => new(checked(ms * 1_000));

    /// <summary>Whole centiseconds (the VRRPv3 interval unit).</summary>
    public static Duration FromCentiseconds(long cs) => new(checked(cs * 10_000));

    /// <summary>Whole seconds.</summary>
    public static Duration FromSeconds(long s) => new(checked(s * 1_000_000));

    /// <summary>The duration in (possibly fractional) seconds, for display only.</summary>
    public double TotalSeconds => Microseconds / 1_000_000.0;

    /// <summary>Whole milliseconds, truncated toward zero.</summary>
    public long TotalMilliseconds => Microseconds / 1_000;

    /// <summary>Whole centiseconds, truncated toward zero.</summary>
    public long TotalCentiseconds => Microseconds / 10_000;

    /// <summary>Converts to a <see cref="TimeSpan"/> (100 ns ticks).</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(checked(Microseconds * 10));

    /// <inheritdoc/>
    public int CompareTo(Duration other) => Microseconds.CompareTo(other.Microseconds);

    public static Duration operator +(Duration a, Duration b) => new(a.Microseconds + b.Microseconds);
    public static Duration operator -(Duration a, Duration b) => new(a.Microseconds - b.Microseconds);
    public static Duration operator -(Duration a) => new(-a.Microseconds);
    public static Duration operator *(Duration a, long k) => new(a.Microseconds * k);
    public static Duration operator *(long k, Duration a) => new(a.Microseconds * k);
    public static bool operator <(Duration a, Duration b) => a.Microseconds < b.Microseconds;
    public static bool operator >(Duration a, Duration b) => a.Microseconds > b.Microseconds;
    public static bool operator <=(Duration a, Duration b) => a.Microseconds <= b.Microseconds;
    public static bool operator >=(Duration a, Duration b) => a.Microseconds >= b.Microseconds;

    /// <summary>The shorter of two durations.</summary>
    public static Duration Min(Duration a, Duration b) => a <= b ? a : b;

    /// <summary>The longer of two durations.</summary>
    public static Duration Max(Duration a, Duration b) => a >= b ? a : b;

    /// <summary>
    /// Human form with the largest exact unit: <c>1s</c>, <c>15.609s</c>, <c>250us</c>, <c>15ms</c>.
    /// Seconds are printed with up to six decimals and no trailing zeros.
    /// </summary>
    public override string ToString()
    {
        long us = Microseconds;
        if (us == 0)
        {
            return "0s";
        }

        long abs = Math.Abs(us);
        if (abs % 1_000_000 == 0 || abs >= 1_000_000)
        {
            return FormatSeconds(us);
        }

        if (abs % 1_000 == 0)
        {
            return (us / 1_000).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        return us.ToString(CultureInfo.InvariantCulture) + "us";
    }

    /// <summary>Seconds with up to six decimals and no trailing zeros, e.g. <c>30.805s</c>.</summary>
    public static string FormatSeconds(long microseconds)
    {
        string sign = microseconds < 0 ? "-" : "";
        long abs = Math.Abs(microseconds);
        long whole = abs / 1_000_000;
        long frac = abs % 1_000_000;
        if (frac == 0)
        {
            return sign + whole.ToString(CultureInfo.InvariantCulture) + "s";
        }

        string f = frac.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        return sign + whole.ToString(CultureInfo.InvariantCulture) + "." + f + "s";
    }
}
