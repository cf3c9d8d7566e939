using System.CommandLine;
using System.Globalization;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli;

/// <summary>A parsed command line handed to a verb: the values of its options and where to write.</summary>
/// <param name="Result">System.CommandLine's parse result.</param>
/// <param name="Stdout">Standard output (a test's writer in tests).</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Arguments">The arguments after the verb as given (response files expanded), for reports' subtitles.</param>
public sealed record Invocation(ParseResult Result, TextWriter Stdout, TextWriter Stderr, string[] Arguments)
{
    /// <summary>Whether text output may be coloured: only on a terminal (spec/cli.md), and never with NO_COLOR set.</summary>
    public bool Colour => ReferenceEquals(Stdout, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>The value of an option, or null when it was not given and has no default.</summary>
    public string? Value(Option<string> option) => Result.GetValue(option);

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(Option<string[]> option) => Result.GetValue(option) ?? [];

    /// <summary>True if the flag was given.</summary>
    public bool Flag(Option<bool> option) => Result.GetValue(option);

    /// <summary>The positional arguments, in order.</summary>
    public List<string> Positionals(Argument<string[]> argument) => [.. Result.GetValue(argument) ?? []];

    /// <summary>The positional arguments, at least one (a usage error saying <paramref name="whatToGive"/> otherwise).</summary>
    public List<string> Positionals(Argument<string[]> argument, string whatToGive)
    {
        List<string> values = Positionals(argument);
        return values.Count > 0 ? values : throw new UsageException(whatToGive);
    }

    /// <summary>An optional whole number (a usage error naming the option otherwise).</summary>
    public long? Number(Option<string> option) => Parse(option, (string text, out long n) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? null : $" needs a whole number (got '{text}')");

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/>
    /// when the option is not given (a usage error naming the option and the range otherwise).
    /// </summary>
    public long Number(Option<string> option, long fallback, long min, long max)
    {
        long n = Number(option) ?? fallback;
        if (n >= min && n <= max)
        {
            return n;
        }

        string range = max == long.MaxValue ? $"of at least {min}" : $"from {min} to {max}";
        throw new UsageException($"option {option.Name} needs a whole number {range} (got '{Value(option)}')");
    }

    /// <summary>An optional seed: a whole number from 0 to <see cref="ulong.MaxValue"/> (a usage error naming the option otherwise).</summary>
    public ulong? Seed(Option<string> option) => Parse(option, (string text, out ulong n) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n) ? null : $" needs a whole number from 0 to {ulong.MaxValue} (got '{text}')");

    /// <summary>An optional duration such as <c>50ms</c> or <c>2s</c> (a usage error naming the option otherwise).</summary>
    public Duration? Duration(Option<string> option) => Parse(option, (string text, out Duration d) =>
        Units.TryParseDuration(text, out d, out string? error) ? null : ": " + error);

    /// <summary>Reads a value: null when it parses, else what is wrong, after the option's name.</summary>
    private delegate string? Parser<T>(string text, out T value);

    /// <summary>The option's value parsed, null when it is not given (a usage error naming the option when it does not parse).</summary>
    private T? Parse<T>(Option<string> option, Parser<T> parse)
        where T : struct
    {
        string? v = Value(option);
        if (v is null)
        {
            return null;
        }

        return parse(v, out T value) is { } problem ? throw new UsageException($"option {option.Name}{problem}") : value;
    }
}
