using System.Globalization;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// The speed of a node's clock relative to real (simulated) time, as an exact fraction parsed from
/// the decimal the user wrote (<c>1.02</c> = 102/100), so local and global instants convert in integers.
/// </summary>
/// <param name="Numerator">Positive numerator.</param>
/// <param name="Denominator">Positive denominator (a power of ten when parsed).</param>
public readonly record struct ClockRate(long Numerator, long Denominator)
{
    /// <summary>A clock that runs at real time.</summary>
    public static readonly ClockRate RealTime = new(1, 1);

    /// <summary>The decimal form, e.g. <c>1.02</c>.</summary>
    public override string ToString()
    {
        if (Denominator == 1)
        {
            return Numerator.ToString(CultureInfo.InvariantCulture);
        }

        int decimals = 0;
        long d = Denominator;
        while (d > 1 && d % 10 == 0)
        {
            d /= 10;
            decimals++;
        }

        if (d != 1)
        {
            return Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);
        }

        string digits = Numerator.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return (digits[..^decimals] + "." + digits[^decimals..]).TrimEnd('0').TrimEnd('.');
    }
}
