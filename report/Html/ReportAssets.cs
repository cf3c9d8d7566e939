namespace VrrpLab.Report.Html;

/// <summary>
/// The page's stylesheet and script, embedded in the assembly (report.css, report.js beside this
/// file) and inlined into every report: nothing is fetched when the file is opened.
/// </summary>
internal static class ReportAssets
{
    /// <summary>The stylesheet.</summary>
    public static string Css { get; } = Load("VrrpLab.Report.Html.report.css");

    /// <summary>The script that draws the figures and handles hover, zoom and pan.</summary>
    public static string Script { get; } = Load("VrrpLab.Report.Html.report.js");

    private static string Load(string name)
    {
        using Stream s = typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {typeof(ReportAssets).Assembly.GetName().Name}");
        using var reader = new StreamReader(s);
        // Same bytes whatever line ends the checkout has.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
