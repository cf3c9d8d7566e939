namespace VrrpLab.Report.Model;

/// <summary>A line of text in a section, e.g. a lint finding of <c>vrrplab check</c>.</summary>
/// <param name="Text">The line.</param>
/// <param name="IsError">True for a problem (drawn red; the section fails).</param>
public sealed record ReportNote(string Text, bool IsError);
