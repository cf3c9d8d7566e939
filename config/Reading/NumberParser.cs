using System.Globalization;

namespace VrrpLab.Config.Reading;

/// <summary>
/// keepalived's strict number readers (<c>read_unsigned_strvec</c>, <c>read_int_strvec</c>,
/// <c>read_decimal_unsigned_strvec</c>): the whole word must be a number within range.
/// </summary>
internal static class NumberParser
{
    /// <summary>An unsigned decimal integer within [min, max].</summary>
    public static bool TryUnsigned(string? s, long min, long max, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(s) || s.Length > 18 || !s.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        return value >= min && value <= max;
    }

    /// <summary>A signed decimal integer within [min, max].</summary>
    public static bool TrySigned(string? s, long min, long max, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        bool negative = s[0] == '-';
        string digits = s[0] is '-' or '+' ? s[1..] : s;
        if (!TryUnsigned(digits, 0, long.MaxValue, out long magnitude))
        {
            return false;
        }

        value = negative ? -magnitude : magnitude;
        return value >= min && value <= max;
    }

    /// <summary>
    /// Seconds with up to six decimals (keepalived's TIMER_HZ_DIGITS), as microseconds within [minUs, maxUs].
    /// </summary>
    public static bool TryDecimalMicroseconds(string? s, long minUs, long maxUs, out long microseconds)
    {
        microseconds = 0;
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string whole = dot < 0 ? s : s[..dot];
        string frac = dot < 0 ? "" : s[(dot + 1)..];
        if ((whole.Length == 0 && frac.Length == 0) || frac.Length > 6 || whole.Length > 9
            || !whole.All(char.IsAsciiDigit) || !frac.All(char.IsAsciiDigit))
        {
            return false;
        }

        long w = whole.Length == 0 ? 0 : long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        long f = frac.Length == 0 ? 0 : long.Parse(frac.PadRight(6, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        microseconds = (w * 1_000_000) + f;
        return microseconds >= minUs && microseconds <= maxUs;
    }

    /// <summary>keepalived's <c>%f</c> of a microsecond count in seconds, e.g. <c>1.500000</c>.</summary>
    public static string Seconds6(long microseconds) =>
        (microseconds / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (microseconds % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>keepalived's <c>%.2f</c> of a microsecond count in seconds.</summary>
    public static string Seconds2(long microseconds) =>
        (microseconds / 1_000_000.0).ToString("F2", CultureInfo.InvariantCulture);
}
