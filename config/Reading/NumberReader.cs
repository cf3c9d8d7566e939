using System.Globalization;

namespace VrrpLab.Config.Reading;

/// <summary>
/// keepalived 2.2.7's number readers (lib/parser.c <c>read_int_func</c>, <c>read_unsigned_func</c>,
/// <c>read_decimal_unsigned_long_func</c>) with their own messages, which keepalived prints before the
/// keyword handler's ("invalid number '100,x'" then "Priority not valid! ..."). In <c>keepalived -t</c>
/// every such message fails the check and the value is refused; at run time a reader called with
/// <c>ignore_error</c> still uses an in-range value that has trailing junk (<c>5s</c> is 5), prefixing
/// its message with "WARNING - ". <see cref="Result"/> tells both.
/// </summary>
internal static class NumberReader
{
    /// <summary>What a reader made of a word.</summary>
    /// <param name="Accepted">keepalived -t's answer: the value is used.</param>
    /// <param name="Value">The value (also when only the run-time reader uses it).</param>
    /// <param name="Message">The reader's own message, or null.</param>
    /// <param name="RunTimeAccepted">Whether keepalived uses the value at run time (ignore_error and in range).</param>
    public readonly record struct Result(bool Accepted, long Value, string? Message, bool RunTimeAccepted);

    /// <summary><c>read_int_func</c> (base 10): strtol semantics (leading blanks and sign allowed).</summary>
    public static Result Int(string s, long min, long max, bool ignoreError)
    {
        (long val, bool junk, bool overflow) = StrToL(s, signed: true);
        if (junk)
        {
            return Fail(val, $"invalid number '{s}'", ignoreError && val >= min && val <= max);
        }

        if (overflow || val < int.MinValue || val > int.MaxValue)
        {
            return Fail(val, $"number '{s}' outside integer range", false);
        }

        if (val < min || val > max)
        {
            return Fail(val, $"number '{s}' outside range [{N(min)}, {N(max)}]", false);
        }

        return new Result(true, val, null, true);
    }

    /// <summary><c>read_unsigned_func</c> (base 10): leading blanks skipped, a '-' is refused.</summary>
    public static Result Unsigned(string s, long min, long max, bool ignoreError)
    {
        string t = s.TrimStart(' ', '\t', '\f', '\n', '\r', '\v');
        if (t.StartsWith('-'))
        {
            (long v, _, _) = StrToL(t, signed: true);
            return Fail(v, $"negative number '{s}'", false);
        }

        (long val, bool junk, bool overflow) = StrToL(t, signed: false);
        if (junk)
        {
            return Fail(val, $"invalid number '{s}'", ignoreError && val >= min && val <= max);
        }

        if (overflow || val > uint.MaxValue)
        {
            return Fail(val, $"number '{s}' outside unsigned integer range", false);
        }

        if (val < min || val > max)
        {
            return Fail(val, $"number '{s}' outside range [{N(min)}, {N(max)}]", false);
        }

        return new Result(true, val, null, true);
    }

    /// <summary>
    /// <c>read_decimal_unsigned_long_func</c>: a decimal with up to <paramref name="shift"/> places,
    /// returned times 10^shift; more places are rounded (with a message).
    /// </summary>
    public static Result Decimal(string s, long min, long max, int shift, bool ignoreError)
    {
        if (s.StartsWith('-'))
        {
            return Fail(0, $"negative number '{s}'", false);
        }

        string? message = null;
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        int places = dot < 0 ? 0 : s.Length - dot - 1;
        bool roundUp = false;
        string digits;
        if (places > shift)
        {
            message = $"number '{s}' has too many decimal places";
            roundUp = s[dot + shift + 1] >= '5';
            places = shift;
        }

        digits = dot < 0 ? s : string.Concat(s.AsSpan(0, dot), s.AsSpan(dot + 1, places));
        digits += new string('0', shift - places);
        (long val, bool junk, bool overflow) = StrToL(digits, signed: false);
        if (roundUp)
        {
            val++;
        }

        if (junk)
        {
            return new Result(false, val, message is null ? $"invalid number '{s}'" : message + $"; invalid number '{s}'", ignoreError && val >= min && val <= max);
        }

        if (overflow)
        {
            return Fail(val, $"number '{s}' outside unsigned decimal range", false);
        }

        if (val < min || val > max)
        {
            long unit = (long)Math.Pow(10, shift);
            string f(long v) => (v / unit).ToString(CultureInfo.InvariantCulture) + "." + (v % unit).ToString(new string('0', shift), CultureInfo.InvariantCulture);
            string range = $"number '{s}' outside range [{f(min)}, {f(max)}]";
            return Fail(val, message is null ? range : message + "; " + range, false);
        }

        // Too many decimal places alone is reported but the rounded value is accepted.
        return new Result(message is null, val, message, true);
    }

    private static Result Fail(long value, string message, bool runTime) => new(false, value, message, runTime);

    /// <summary>strtol/strtoul in base 10: leading blanks, optional sign, digits; the rest is junk.</summary>
    private static (long Value, bool Junk, bool Overflow) StrToL(string s, bool signed)
    {
        int i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\f' or '\n' or '\r' or '\v')
        {
            i++;
        }

        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }

        int start = i;
        long v = 0;
        bool overflow = false;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            if (v > (long.MaxValue - 9) / 10)
            {
                overflow = true;
            }
            else
            {
                v = (v * 10) + (s[i] - '0');
            }

            i++;
        }

        // No digits at all: strtol leaves endptr at the very start (so "" is 0 without junk).
        bool junk = i == start ? s.Length > 0 : i < s.Length;
        _ = signed;
        return (negative ? -v : v, junk, overflow);
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
}
