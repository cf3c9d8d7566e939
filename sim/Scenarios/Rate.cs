using System.Globalization;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// A probability such as a loss rate (<c>30%</c>), kept exactly as parts per million so random
/// draws compare integers, never floating point.
/// </summary>
/// <param name="PartsPerMillion">0..1,000,000.</param>
public readonly record struct Rate(int PartsPerMillion)
{
    /// <summary>0%.</summary>
    public static readonly Rate Zero = new(0);

    /// <summary>100%.</summary>
    public static readonly Rate Always = new(1_000_000);

    /// <summary><c>30%</c>, <c>0.5%</c>: at most four decimals.</summary>
    public override string ToString()
    {
        int whole = PartsPerMillion / 10_000;
        int frac = PartsPerMillion % 10_000;
        return frac == 0
            ? whole.ToString(CultureInfo.InvariantCulture) + "%"
            : whole.ToString(CultureInfo.InvariantCulture) + "." + frac.ToString("D4", CultureInfo.InvariantCulture).TrimEnd('0') + "%";
    }
}
