using System.Collections.Immutable;
using VrrpLab.Config;
using VrrpLab.Config.FileSystem;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The default <see cref="KeepalivedReader"/>: the project's keepalived.conf reader (config/).</summary>
public static class KeepalivedSource
{
    /// <summary>
    /// Reads <paramref name="text"/> with <see cref="KeepalivedConfigReader"/>; includes resolve relative
    /// to <paramref name="baseDirectory"/> (the scenario file's folder for inline text) on the real file system. Errors and warnings are
    /// kept (keepalived's notices are dropped), each at its file, line and column.
    /// </summary>
    public static KeepalivedReadResult Read(string text, string displayName, string? baseDirectory, int lineOffset, int columnOffset)
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse(text, displayName, PhysicalConfigFileSystem.Instance, lineOffset, columnOffset, baseDirectory);
        ImmutableArray<ScenarioDiagnostic> diagnostics =
        [
            .. r.Diagnostics
                .Where(d => d.Severity is Config.DiagnosticSeverity.Error or Config.DiagnosticSeverity.Warning)
                .Select(d => new ScenarioDiagnostic(
                    new SourceLocation(d.File, d.Line, d.Column),
                    d.Severity == Config.DiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    d.Message)),
        ];
        return new KeepalivedReadResult(r.Config, diagnostics);
    }
}
