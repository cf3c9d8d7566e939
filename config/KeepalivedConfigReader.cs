using System.Collections.Immutable;
using VrrpLab.Config.FileSystem;
using VrrpLab.Config.Reading;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config;

/// <summary>
/// Reads keepalived.conf files (the VRRP subset of domain.md section 6) into the engine's
/// <see cref="RouterConfig"/>, applying keepalived 2.2.7's defaults and derivations. Never throws
/// for any input: every problem is a <see cref="ConfigDiagnostic"/> with file, line and column.
/// </summary>
public static class KeepalivedConfigReader
{
    /// <summary>Reads the file at <paramref name="path"/> (and its includes) from <paramref name="fs"/>.</summary>
    public static ConfigReadResult Read(string path, IConfigFileSystem fs)
    {
        if (!fs.TryReadAllText(path, out string? text, out string? error))
        {
            var d = new ConfigDiagnostic(DiagnosticSeverity.Error, path, 1, 1, $"Configuration file '{path}' open problem ({error})");
            return new ConfigReadResult(null, [d], new ConfigSourceMap(path, [], []));
        }

        return Parse(text, path, fs);
    }

    /// <summary>
    /// Reads keepalived.conf <paramref name="text"/>, reported as <paramref name="displayName"/>.
    /// Includes are resolved relative to <paramref name="displayName"/>'s directory through
    /// <paramref name="fs"/> (null: includes are errors). <paramref name="lineOffset"/> is added to
    /// every line and <paramref name="columnOffset"/> to every column, for text embedded in another
    /// file (e.g. a YAML block scalar whose first line is line <c>lineOffset + 1</c>).
    /// <paramref name="baseDirectory"/>, when given, replaces the display name's directory as the
    /// base of relative includes (e.g. the scenario file's directory for inline text).
    /// </summary>
    public static ConfigReadResult Parse(
        string text, string displayName, IConfigFileSystem? fs, int lineOffset = 0, int columnOffset = 0, string? baseDirectory = null)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        try
        {
            List<ConfigToken> tokens = new IncludeExpander(fs, diagnostics).Expand(text, displayName, lineOffset, columnOffset, string.IsNullOrEmpty(baseDirectory) ? null : baseDirectory);
            ImmutableArray<ConfigStatement> tree = ConfigTreeBuilder.Build(tokens, diagnostics);
            (RouterConfig config, ConfigSourceMap source) = new ConfigInterpreter(diagnostics).Interpret(tree, displayName);
            bool failed = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            return new ConfigReadResult(failed ? null : config, [.. diagnostics], source);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not bad input: still a value with a location, never a crash of the caller.
            diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, displayName, lineOffset + 1, columnOffset + 1, $"internal error while reading: {e.GetType().Name}: {e.Message}"));
            return new ConfigReadResult(null, [.. diagnostics], new ConfigSourceMap(displayName, [], []));
        }
    }
}
