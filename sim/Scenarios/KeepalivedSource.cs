using System.Collections.Immutable;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The default <see cref="KeepalivedReader"/>: the project's keepalived.conf reader (config/).</summary>
public static class KeepalivedSource
{
    /// <summary>Reads <paramref name="text"/> with the keepalived.conf reader.</summary>
    public static KeepalivedReadResult Read(string text, string displayName, string? baseDirectory, int lineOffset, int columnOffset)
    {
        _ = text;
        _ = baseDirectory;
        return new KeepalivedReadResult(null, [
            new ScenarioDiagnostic(new SourceLocation(displayName, lineOffset + 1, columnOffset + 1), DiagnosticSeverity.Error,
                "the keepalived.conf reader is not available in this build"),
        ]);
    }
}
