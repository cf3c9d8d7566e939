using VrrpLab.Config.FileSystem;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// Tokenises a file and splices in the files its <c>include GLOB</c> statements name, as
/// keepalived does: patterns are relative to the including file's directory, every match is
/// read in sorted (byte-wise, like glob(3)) order, a pattern matching nothing is reported with
/// keepalived's "Config files missing" notice, and an include cycle is an error.
/// </summary>
public sealed class IncludeExpander
{
    /// <summary>Deepest include nesting accepted.</summary>
    public const int MaxIncludeDepth = 16;

    private readonly IConfigFileSystem? _fs;
    private readonly List<ConfigDiagnostic> _diagnostics;
    private readonly List<string> _stack = [];
    private int _nextFileId;

    /// <summary>Creates an expander reading included files from <paramref name="fs"/> (null: includes are errors).</summary>
    public IncludeExpander(IConfigFileSystem? fs, List<ConfigDiagnostic> diagnostics)
    {
        _fs = fs;
        _diagnostics = diagnostics;
    }

    /// <summary>Tokens of <paramref name="text"/> (shown as <paramref name="displayName"/>) with includes expanded.</summary>
    /// <remarks>Top-level includes are relative to <paramref name="baseDirectory"/> when given, else to the display name's directory.</remarks>
    public List<ConfigToken> Expand(string text, string displayName, int lineOffset, int columnOffset, string? baseDirectory = null)
    {
        var output = new List<ConfigToken>();
        _stack.Add(Key(displayName));
        ExpandInto(text, displayName, lineOffset, columnOffset, output, baseDirectory);
        _stack.RemoveAt(_stack.Count - 1);
        return output;
    }

    private void ExpandInto(string text, string displayName, int lineOffset, int columnOffset, List<ConfigToken> output, string? baseDirectory = null)
    {
        List<ConfigToken> tokens = ConfigLexer.Tokenize(text, displayName, _nextFileId++, lineOffset, columnOffset, _diagnostics);
        for (int i = 0; i < tokens.Count; i++)
        {
            ConfigToken t = tokens[i];
            bool startsStatement = i == 0 || tokens[i - 1].Kind != TokenKind.Word || tokens[i - 1].PhysicalLine != t.PhysicalLine;
            if (t.Kind != TokenKind.Word || t.Quoted || t.Text != "include" || !startsStatement)
            {
                output.Add(t);
                continue;
            }

            var patterns = new List<ConfigToken>();
            while (i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Word && tokens[i + 1].PhysicalLine == t.PhysicalLine)
            {
                patterns.Add(tokens[++i]);
            }

            if (patterns.Count == 0)
            {
                Report(DiagnosticSeverity.Warning, t, "include requires a file name");
                continue;
            }

            foreach (ConfigToken pattern in patterns)
            {
                Include(pattern, baseDirectory ?? BaseDirectory(displayName), output);
            }
        }
    }

    private void Include(ConfigToken pattern, string baseDirectory, List<ConfigToken> output)
    {
        if (_fs is null)
        {
            Report(DiagnosticSeverity.Error, pattern, $"include '{pattern.Text}' cannot be read: no file system is available for this text");
            return;
        }

        if (_stack.Count > MaxIncludeDepth)
        {
            Report(DiagnosticSeverity.Error, pattern, $"includes nested more than {MaxIncludeDepth} deep");
            return;
        }

        IReadOnlyList<string> files = ConfigGlob.Expand(_fs, baseDirectory, pattern.Text);
        if (files.Count == 0)
        {
            // keepalived 2.2.7 logs this and carries on (keepalived -t still succeeds).
            Report(DiagnosticSeverity.Notice, pattern, $"Config files missing '{pattern.Text}'.");
            return;
        }

        foreach (string file in files)
        {
            string key = Key(file);
            if (_stack.Contains(key, StringComparer.Ordinal))
            {
                Report(DiagnosticSeverity.Error, pattern, $"include cycle: {string.Join(" -> ", _stack.Append(key))}");
                continue;
            }

            if (!_fs.TryReadAllText(file, out string? text, out string? error))
            {
                Report(DiagnosticSeverity.Error, pattern, $"Configuration file '{file}' open problem ({error})");
                continue;
            }

            _stack.Add(key);
            ExpandInto(text, file, 0, 0, output);
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    private void Report(DiagnosticSeverity severity, ConfigToken at, string message) =>
        _diagnostics.Add(new ConfigDiagnostic(severity, at.File, at.Line, at.Column, message));

    private static string BaseDirectory(string file)
    {
        int slash = file.LastIndexOf('/');
        return slash switch
        {
            < 0 => ".",
            0 => "/",
            _ => file[..slash],
        };
    }

    private static string Key(string path) => InMemoryConfigFileSystem.Normalise(path);
}
