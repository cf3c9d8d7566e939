using System.Globalization;

namespace VrrpLab.Cli;

/// <summary>
/// A small, strict option reader: <c>--name value</c> or <c>--name=value</c>, flags, and
/// positional arguments. Unknown options are usage errors naming the option.
/// </summary>
public sealed class ArgReader
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Arguments that are not options, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Parses <paramref name="args"/>; <paramref name="valueOptions"/> take a value, <paramref name="flagOptions"/> do not.</summary>
    public ArgReader(string[] args, IEnumerable<string> valueOptions, IEnumerable<string>? flagOptions = null)
    {
        var takesValue = new HashSet<string>(valueOptions, StringComparer.Ordinal);
        var isFlag = new HashSet<string>(flagOptions ?? [], StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                Positionals.AddRange(args[(i + 1)..]);
                break;
            }

            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                Positionals.Add(a);
                continue;
            }

            string name = a;
            string? inline = null;
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = a[..eq];
                inline = a[(eq + 1)..];
            }

            if (isFlag.Contains(name))
            {
                if (inline is not null)
                {
                    throw new UsageException($"option {name} takes no value");
                }

                _flags.Add(name);
            }
            else if (takesValue.Contains(name))
            {
                string value = inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"option {name} needs a value"));
                if (!_values.TryGetValue(name, out List<string>? list))
                {
                    _values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new UsageException($"unknown option '{name}'");
            }
        }
    }

    /// <summary>True if the flag was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The last value of an option, or null.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out List<string>? v) ? v[^1] : null;

    /// <summary>All values of a repeatable option.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out List<string>? v) ? v : [];

    /// <summary>An option's value that must be one of <paramref name="allowed"/>.</summary>
    public string Choice(string name, string defaultValue, params string[] allowed)
    {
        string v = Value(name) ?? defaultValue;
        return allowed.Contains(v, StringComparer.Ordinal)
            ? v
            : throw new UsageException($"option {name} must be one of {string.Join(", ", allowed)} (got '{v}')");
    }

    /// <summary>An optional integer option.</summary>
    public long? Number(string name)
    {
        string? v = Value(name);
        if (v is null)
        {
            return null;
        }

        return long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new UsageException($"option {name} needs a whole number (got '{v}')");
    }
}
