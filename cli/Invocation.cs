using System.CommandLine;

namespace VrrpLab.Cli;

/// <summary>A parsed command line handed to a verb: the values of its options and where to write.</summary>
/// <param name="Result">System.CommandLine's parse result.</param>
/// <param name="Stdout">Standard output (a test's writer in tests).</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Arguments">The arguments after the verb as given (response files expanded), for reports' subtitles.</param>
public sealed record Invocation(ParseResult Result, TextWriter Stdout, TextWriter Stderr, string[] Arguments)
{
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
    public long? Number(Option<string> option)
    {
        string? v = Value(option);
        if (v is null)
        {
            return null;
        }

        return long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new UsageException($"option {option.Name} needs a whole number (got '{v}')");
    }
}
