using VrrpLab.Report.Html;
using VrrpLab.Report.Model;

namespace VrrpLab.Cli;

/// <summary><c>--report FILE.html</c>: writes the HTML timeline report, turning file errors into usage errors naming the option.</summary>
internal static class ReportOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--report";

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/>.</summary>
    public static void Write(ReportDocument document, string path)
    {
        try
        {
            HtmlReportWriter.WriteFile(document, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"option {Name}: cannot write {path}: {e.Message}");
        }
    }

    /// <summary>The command line as typed, for the report's subtitle: <c>vrrplab VERB ARGS</c> (the report's own option left out).</summary>
    public static string CommandLine(string verb, string[] args)
    {
        var parts = new List<string> { "vrrplab", verb };
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == Name)
            {
                i++;
                continue;
            }

            if (args[i].StartsWith(Name + "=", StringComparison.Ordinal))
            {
                continue;
            }

            parts.Add(args[i].Any(char.IsWhiteSpace) ? "'" + args[i] + "'" : args[i]);
        }

        return string.Join(' ', parts);
    }
}
