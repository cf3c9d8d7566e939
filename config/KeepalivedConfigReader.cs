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
    public static ConfigReadResult Read(string path, IConfigFileSystem fs, ConfigReadOptions? options = null)
    {
        if (!fs.TryReadAllText(path, out string? text, out string? error))
        {
            var d = new ConfigDiagnostic(DiagnosticSeverity.Error, path, 1, 1, $"Configuration file '{path}' open problem ({error})");
            return new ConfigReadResult(null, [d], new ConfigSourceMap(path, [], []));
        }

        return Parse(text, path, fs, options: options);
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
        string text, string displayName, IConfigFileSystem? fs, int lineOffset = 0, int columnOffset = 0, string? baseDirectory = null, ConfigReadOptions? options = null)
    {
        options ??= ConfigReadOptions.Default;
        var diagnostics = new List<ConfigDiagnostic>();
        try
        {
            List<LogicalLine> lines = new KeepalivedLineReader(fs, diagnostics, options.ConfigId)
                .Read(text, displayName, lineOffset, columnOffset, string.IsNullOrEmpty(baseDirectory) ? null : baseDirectory);
            ImmutableArray<ConfigStatement> tree = BlockBuilder.Build(lines, diagnostics);
            (RouterConfig? config, ConfigSourceMap source) = new ConfigInterpreter(diagnostics, options).Interpret(tree, displayName);

            // keepalived's order: every message of the reading, in reading order, then those of completion.
            ImmutableArray<ConfigDiagnostic> ordered = [.. diagnostics.Select((d, i) => (d, i)).OrderBy(x => x.d.Order).ThenBy(x => x.i).Select(x => x.d)];
            int fatal = ordered.IndexOf(ordered.FirstOrDefault(d => d.Message.StartsWith("*** ", StringComparison.Ordinal))!);
            if (fatal >= 0)
            {
                // keepalived exits at a "missing a parameter" line: nothing after it is reported.
                ordered = ordered[..(fatal + 1)];
            }

            bool failed = ordered.Any(d => d.Severity == DiagnosticSeverity.Error);
            return new ConfigReadResult(failed ? null : config, ordered, source);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not bad input: still a value with a location, never a crash of the caller.
            diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, displayName, lineOffset + 1, columnOffset + 1, $"internal error while reading: {e.GetType().Name}: {e.Message}"));
            return new ConfigReadResult(null, [.. diagnostics], new ConfigSourceMap(displayName, [], []));
        }
    }
}
