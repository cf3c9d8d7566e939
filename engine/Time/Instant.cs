namespace VrrpLab.Engine.Time;

/// <summary>
/// A point on a node's clock, in whole microseconds since that clock's origin. The engine never
/// reads a clock: every input carries the <see cref="Instant"/> at which it happens.
/// </summary>
public readonly record struct Instant(long Microseconds) : IComparable<Instant>
{
    /// <summary>The clock's origin.</summary>
    public static readonly Instant Zero = new(0);

    /// <summary>Later than any real instant; a timer at this instant never fires.</summary>
    public static readonly Instant Never = new(long.MaxValue);

    /// <summary>True unless this is <see cref="Never"/>.</summary>
    public bool IsSet => Microseconds != long.MaxValue;

    /// <inheritdoc/>
    public int CompareTo(Instant other) => Microseconds.CompareTo(other.Microseconds);

    public static Instant operator +(Instant t, Duration d) =>
        t.Microseconds == long.MaxValue ? Never : new(t.Microseconds + d.Microseconds);
    public static Instant operator -(Instant t, Duration d) => new(t.Microseconds - d.Microseconds);
    public static Duration operator -(Instant a, Instant b) => new(a.Microseconds - b.Microseconds);
    public static bool operator <(Instant a, Instant b) => a.Microseconds < b.Microseconds;
    public static bool operator >(Instant a, Instant b) => a.Microseconds > b.Microseconds;
    public static bool operator <=(Instant a, Instant b) => a.Microseconds <= b.Microseconds;
    public static bool operator >=(Instant a, Instant b) => a.Microseconds >= b.Microseconds;

    /// <summary>The earlier of two instants.</summary>
    public static Instant Min(Instant a, Instant b) => a <= b ? a : b;

    /// <summary>The later of two instants.</summary>
    public static Instant Max(Instant a, Instant b) => a >= b ? a : b;

    /// <summary>Seconds since the origin, e.g. <c>30.805s</c>.</summary>
    public override string ToString() => IsSet ? Duration.FormatSeconds(Microseconds) : "never";
}
