using System.Globalization;

namespace VrrpLab.Bench;

/// <summary>The options of the measuring modes (<c>sim-fleet --segments N</c>, <c>explore --runs N</c>, ...).</summary>
internal static class BenchArgs
{
    /// <summary>The positive whole number after <paramref name="name"/>, or <paramref name="fallback"/> when the option is absent.</summary>
    /// <exception cref="FormatException">The option is given without a positive whole number (Program prints it, exit 2).</exception>
    public static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0)
        {
            return fallback;
        }

        return i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new FormatException($"option {name} needs a positive whole number");
    }

    /// <summary>The text after <paramref name="name"/>, or null when the option is absent or last.</summary>
    public static string? Text(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
