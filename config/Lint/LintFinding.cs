namespace VrrpLab.Config.Lint;

/// <summary>One mistake found by <see cref="ClusterLinter"/>, with what it does to failover.</summary>
/// <param name="Severity">Error: breaks failover (exit 1). Warning: risky. Notice: informational.</param>
/// <param name="Location">The line that causes it.</param>
/// <param name="RuleId">Stable rule id, e.g. <c>VL001</c> (see <see cref="LintRules"/>).</param>
/// <param name="Message">What is wrong, naming the instance and the other hosts involved.</param>
/// <param name="Consequence">One line: what happens to the VIP because of it.</param>
public sealed record LintFinding(DiagnosticSeverity Severity, SourceLocation Location, string RuleId, string Message, string Consequence)
{
    /// <summary><c>file:line:col: error VL001: message</c>.</summary>
    public override string ToString() => $"{Location}: {ConfigDiagnostic.SeverityName(Severity)} {RuleId}: {Message}";
}
