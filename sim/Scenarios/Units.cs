using System.Diagnostics.CodeAnalysis;
using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// Parses the scenario format's units exactly: durations (<c>250us</c>, <c>15ms</c>, <c>1.5s</c>,
/// <c>2m</c>, <c>1h</c>) into integer microseconds, rates (<c>30%</c>) into parts per million and
/// clock rates (<c>1.02</c>) into fractions. Decimal digits are read as integers, never through
/// floating point, so <c>0.1s</c> is exactly 100000 us.
/// </summary>
public static class Units
{
    /// <summary>Parses a duration; <paramref name="error"/> says why not.</summary>
    public static bool TryParseDuration(string text, out Duration duration, [NotNullWhen(false)] out string? error)
    {
        duration = Duration.Zero;
        string s = text.Trim();
        if (s == "0")
        {
            error = null;
            return true;
        }

        int unitStart = s.Length;
        while (unitStart > 0 && char.IsAsciiLetterLower(s[unitStart - 1]))
        {
            unitStart--;
        }

        string number = s[..unitStart];
        string unit = s[unitStart..];
        long scale = unit switch
        {
            "us" => 1,
            "ms" => 1_000,
            "s" => 1_000_000,
            "m" => 60_000_000,
            "h" => 3_600_000_000,
            _ => 0,
        };
        if (scale == 0 || number.Length == 0)
        {
            error = $"bad duration '{text}': expected a number and a unit (us, ms, s, m, h), e.g. 250us, 15ms, 1.5s, 2m, 1h";
            return false;
        }

        if (!TryParseDecimal(number, out long whole, out long fraction, out int decimals))
        {
            error = $"bad duration '{text}': '{number}' is not a decimal number";
            return false;
        }

        try
        {
            long pow = Pow10(decimals);
            long fracScaled = checked(fraction * scale);
            if (fracScaled % pow != 0)
            {
                error = $"bad duration '{text}': not a whole number of microseconds";
                return false;
            }

            duration = Duration.FromMicroseconds(checked((whole * scale) + (fracScaled / pow)));
            error = null;
            return true;
        }
        catch (OverflowException)
        {
            error = $"bad duration '{text}': too long";
            return false;
        }
    }

    /// <summary>Parses a rate such as <c>30%</c> or <c>0.5%</c> (0% to 100%, at most four decimals).</summary>
    public static bool TryParseRate(string text, out Rate rate, [NotNullWhen(false)] out string? error)
    {
        rate = Rate.Zero;
        string s = text.Trim();
        if (!s.EndsWith('%') || !TryParseDecimal(s[..^1], out long whole, out long fraction, out int decimals) || decimals > 4)
        {
            error = $"bad rate '{text}': expected a percentage such as 30% or 0.5%";
            return false;
        }

        if (whole > 100)
        {
            error = $"bad rate '{text}': more than 100%";
            return false;
        }

        long ppm = (whole * 10_000) + (fraction * Pow10(4 - decimals));
        if (ppm > 1_000_000)
        {
            error = $"bad rate '{text}': more than 100%";
            return false;
        }

        rate = new Rate((int)ppm);
        error = null;
        return true;
    }

    /// <summary>Parses a positive clock rate such as <c>1.02</c> (at most nine decimals).</summary>
    public static bool TryParseClockRate(string text, out ClockRate rate, [NotNullWhen(false)] out string? error)
    {
        rate = ClockRate.RealTime;
        if (!TryParseDecimal(text.Trim(), out long whole, out long fraction, out int decimals) || decimals > 9 || whole > 1000)
        {
            error = $"bad clock rate '{text}': expected a positive decimal number such as 1.02";
            return false;
        }

        long den = Pow10(decimals);
        long num = (whole * den) + fraction;
        if (num == 0)
        {
            error = $"bad clock rate '{text}': must be more than 0";
            return false;
        }

        rate = new ClockRate(num, den);
        error = null;
        return true;
    }

    private static bool TryParseDecimal(string s, out long whole, out long fraction, out int decimals)
    {
        whole = 0;
        fraction = 0;
        decimals = 0;
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string w = dot < 0 ? s : s[..dot];
        string f = dot < 0 ? "" : s[(dot + 1)..];
        if (w.Length == 0 || w.Length > 15 || f.Length > 12 || (dot >= 0 && f.Length == 0))
        {
            return false;
        }

        foreach (char c in w)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            whole = (whole * 10) + (c - '0');
        }

        foreach (char c in f)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            fraction = (fraction * 10) + (c - '0');
        }

        decimals = f.Length;
        return true;
    }

    private static long Pow10(int n)
    {
        long p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= 10;
        }

        return p;
    }
}
