namespace VrrpLab.Report.Model;

/// <summary>A labelled vertical marker across a figure: a timeline action such as <c>stop server1</c>.</summary>
/// <param name="AtUs">When (microseconds).</param>
/// <param name="Label">The short label, e.g. <c>stop server1</c>.</param>
public sealed record ReportMarker(long AtUs, string Label);
