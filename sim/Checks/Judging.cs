using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Checks;

/// <summary>
/// How a history is judged. The simulator's is judged exactly (<see cref="Exact"/>): its timers fire
/// on time. The lab's is judged with a <see cref="ToleranceUs"/> (default 50 ms) on every timing
/// expectation, and with each expectation's windows moved by its <see cref="WindowShift"/> (what the
/// measured start-ups and action times move the predicted event by); both are printed with the verdict.
/// </summary>
public sealed record Judging
{
    /// <summary>Exact judging: no tolerance, no shift (the simulator).</summary>
    public static readonly Judging Exact = new();

    /// <summary>How far a timing may be off and still pass, in microseconds.</summary>
    public long ToleranceUs { get; init; }

    /// <summary>The shift of an expectation's time windows, if any.</summary>
    public Func<Expectation, WindowShift>? Shifts { get; init; }

    /// <summary>True for <see cref="Exact"/>-like judging (nothing to print).</summary>
    public bool IsExact => ToleranceUs == 0 && Shifts is null;

    /// <summary>The shift of <paramref name="e"/>'s windows.</summary>
    public WindowShift ShiftOf(Expectation e) => Shifts?.Invoke(e) ?? WindowShift.None;

    /// <summary>Milliseconds with one decimal, e.g. <c>61.2ms</c> (<c>+61.2ms</c> when <paramref name="plus"/>).</summary>
    public static string Milliseconds(long us, bool plus = false)
    {
        string text = (Math.Abs(us) / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "ms";
        return us < 0 ? "-" + text : plus ? "+" + text : text;
    }

    /// <summary>What is appended to a timing verdict's evidence: <c>; tolerance ±50ms, window shifted +61.2ms (why)</c>.</summary>
    public string Note(WindowShift shift)
    {
        if (IsExact)
        {
            return "";
        }

        string text = "; tolerance ±" + new Duration(ToleranceUs);
        if (shift.Us != 0 || shift.BoundUs != 0)
        {
            text += shift.Us != 0
                ? $", window shifted {Milliseconds(shift.Us, plus: true)}"
                : $", bound moved {Milliseconds(shift.BoundUs, plus: true)}";
            if (shift.Why is { } why)
            {
                text += $" ({why})";
            }
        }

        return text;
    }
}

/// <summary>How far an expectation's windows move, and why (e.g. "node1's start-up, 61.2ms").</summary>
/// <param name="Us">Microseconds (positive: later).</param>
/// <param name="Why">The reason printed in the evidence.</param>
public readonly record struct WindowShift(long Us, string? Why)
{
    /// <summary>
    /// How far a duration bound moves (an <c>outage</c>'s max and min), in microseconds: what the measured
    /// start-ups and action times lengthen the predicted duration by. Its window's start does not move.
    /// </summary>
    public long BoundUs { get; init; }

    /// <summary>No shift.</summary>
    public static readonly WindowShift None = new(0, null);
}
