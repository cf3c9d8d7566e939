using System.Collections.Immutable;

namespace VrrpLab.Report.Model;

/// <summary>
/// A titled part of a report: one scenario (one figure holding one or several runs of it), or a
/// list of small timelines (<c>check</c>'s faults, <c>explore</c>'s shrunk counterexamples).
/// </summary>
/// <param name="Title">The heading, e.g. the scenario's name.</param>
/// <param name="Figures">The timelines of the section, drawn one below the other.</param>
public sealed record ReportSection(string Title, ImmutableArray<ReportFigure> Figures)
{
    /// <summary>Free text under the heading (the scenario's <c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Facts shown under the heading as <c>key value</c> pairs, e.g. <c>("seed", "1")</c>, <c>("file", "x.yaml")</c>.</summary>
    public ImmutableArray<(string Key, string Value)> Facts { get; init; } = [];

    /// <summary>Findings in words above the figures (e.g. <c>check</c>'s lint lines), each with whether it is a problem.</summary>
    public ImmutableArray<ReportNote> Notes { get; init; } = [];

    /// <summary>True when every check of every run of every figure passed and no note is an error.</summary>
    public bool Passed => Figures.All(f => f.Passed) && Notes.All(n => !n.IsError);
}
