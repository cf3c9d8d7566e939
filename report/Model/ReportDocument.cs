using System.Collections.Immutable;

namespace VrrpLab.Report.Model;

/// <summary>
/// One HTML report: a title and its sections, in order. With more than one section the file starts
/// with an index (one line per section, pass or fail, a link to it).
/// </summary>
/// <param name="Title">The page title, e.g. <c>vrrplab run: 3 scenarios</c>.</param>
/// <param name="Sections">One per scenario (or per <c>check</c> cluster, per <c>explore</c> property).</param>
public sealed record ReportDocument(string Title, ImmutableArray<ReportSection> Sections)
{
    /// <summary>A line under the title (what produced the report), e.g. <c>vrrplab run scenarios/</c>.</summary>
    public string? Subtitle { get; init; }

    /// <summary>True when every section passed.</summary>
    public bool Passed => Sections.All(s => s.Passed);
}
