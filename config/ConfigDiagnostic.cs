namespace VrrpLab.Config;

/// <summary>
/// One problem found while reading a keepalived.conf: where it is and what keepalived would say.
/// Where keepalived logs a message for the same problem, <see cref="Message"/> uses keepalived's
/// own wording so users can match it with their syslog.
/// </summary>
/// <param name="Severity">Error (keepalived refuses the file or instance), warning (keepalived logs and carries on) or notice.</param>
/// <param name="File">The file's display name (path, or the name given to <see cref="KeepalivedConfigReader.Parse"/>).</param>
/// <param name="Line">1-based line (already shifted by any line offset).</param>
/// <param name="Column">1-based column (already shifted by any column offset on the first line).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ConfigDiagnostic(DiagnosticSeverity Severity, string File, int Line, int Column, string Message)
{
    /// <summary>Where keepalived would emit it: the reading position of its line, or after parsing for the post-parse checks.</summary>
    public long Order { get; init; }

    /// <summary>
    /// True for VrrpLab's own notes about what it does not model (a skipped block, an ignored option);
    /// false for what keepalived itself reports.
    /// </summary>
    public bool NotModelled { get; init; }

    /// <summary>
    /// True for VrrpLab's warning about something keepalived does silently (words of an unquoted
    /// script command dropped, ...): keepalived accepts the line, but not as its author meant.
    /// </summary>
    public bool Advice { get; init; }

    /// <summary>The location as <c>file:line:col</c>.</summary>
    public string Location => $"{File}:{Line}:{Column}";

    /// <summary><c>file:line:col: warning: message</c>, the form compilers use.</summary>
    public override string ToString() => $"{Location}: {SeverityName(Severity)}: {Message}";

    /// <summary>Lower-case name of a severity, as printed.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "notice",
    };
}
