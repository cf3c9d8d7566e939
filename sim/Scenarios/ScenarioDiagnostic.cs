namespace VrrpLab.Sim.Scenarios;

/// <summary>A problem with a scenario file, printed as <c>file:line:col: message</c>.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record ScenarioDiagnostic(SourceLocation Location, DiagnosticSeverity Severity, string Message)
{
    /// <summary>True for <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary><c>file:line:col: message</c> (warnings: <c>file:line:col: warning: message</c>).</summary>
    public override string ToString() =>
        Severity == DiagnosticSeverity.Error ? $"{Location}: {Message}" : $"{Location}: warning: {Message}";
}
