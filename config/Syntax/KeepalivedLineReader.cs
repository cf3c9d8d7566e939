// Over 400 lines: follows keepalived 2.2.7 lib/parser.c read_line and alloc_strvec function by function, for line-by-line comparison.
using System.Collections.Immutable;
using VrrpLab.Config.FileSystem;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// keepalived 2.2.7's <c>read_line</c> and <c>alloc_strvec</c> (lib/parser.c): turns files into the
/// logical lines keepalived's parser sees, in its order. Comments (<c>#</c>, <c>!</c> outside quotes,
/// <c>\#</c> escapes them) and blank lines go; a line starting <c>@ID</c> is kept, without the prefix,
/// only when ID is the config id (<c>@^ID</c>: only when it is not); <c>include PATTERN</c> splices in
/// the matching files (relative to the including file); and every <c>{</c> and <c>}</c> outside quotes
/// becomes a line of its own, so <c>vrrp_instance VI_1 {</c> is the two lines <c>vrrp_instance VI_1</c>
/// and <c>{</c>. Words split on white space; <c>"..."</c> is one word without its quotes.
/// </summary>
public sealed class KeepalivedLineReader
{
    /// <summary>Deepest include nesting accepted.</summary>
    public const int MaxIncludeDepth = 16;

    private readonly IConfigFileSystem? _fs;
    private readonly List<ConfigDiagnostic> _diagnostics;
    private readonly string? _configId;
    private readonly List<string> _stack = [];
    private readonly List<LogicalLine> _lines = [];
    private int _nextFileId;
    private readonly Stack<(string File, int Line, int Column)> _open = new();
    private bool _noticedDefinitions;

    /// <summary>
    /// A reader that opens included files through <paramref name="fs"/> (null: includes are errors)
    /// and keeps <c>@ID</c> lines for <paramref name="configId"/> (null: keepalived's default, the
    /// host name, is unknown here, so every <c>@ID</c> line is dropped and every <c>@^ID</c> line kept).
    /// </summary>
    public KeepalivedLineReader(IConfigFileSystem? fs, List<ConfigDiagnostic> diagnostics, string? configId)
    {
        _fs = fs;
        _diagnostics = diagnostics;
        _configId = configId;
    }

    /// <summary>The logical lines of <paramref name="text"/> (shown as <paramref name="displayName"/>) and its includes.</summary>
    /// <remarks>Top-level includes are relative to <paramref name="baseDirectory"/> when given, else to the display name's directory.</remarks>
    public List<LogicalLine> Read(string text, string displayName, int lineOffset, int columnOffset, string? baseDirectory = null)
    {
        _stack.Add(Key(displayName));
        ReadFile(text, displayName, lineOffset, columnOffset, baseDirectory ?? BaseDirectory(displayName));
        _stack.RemoveAt(_stack.Count - 1);
        if (_open.Count > 0)
        {
            // init_data: "There are %d missing '}'s or extra '{'s" (CONFIG_MISSING_EOB), shown at the
            // outermost '{' left open.
            (string f, int l, int c) = _open.Last();
            Report(DiagnosticSeverity.Error, f, l, c, $"There are {_open.Count} missing '}}'s or extra '{{'s", _lines.Count);
        }

        return _lines;
    }

    private void ReadFile(string text, string file, int lineOffset, int columnOffset, string baseDirectory)
    {
        int fileId = _nextFileId++;
        int lineNo = 0;
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            string raw = text[start..end].TrimEnd('\r', '\n');
            lineNo++;
            start = end + 1;
            int reported = lineNo + lineOffset;
            int colBase = lineNo == 1 ? columnOffset : columnOffset;
            ProcessPhysical(raw, file, reported, colBase, fileId, baseDirectory);
        }
    }

    private void ProcessPhysical(string raw, string file, int line, int columnOffset, int fileId, string baseDirectory)
    {
        if (raw.Length == 0)
        {
            return;
        }

        // decomment(): leading blanks go; a comment starts at '#' or '!' outside quotes.
        int lead = 0;
        while (lead < raw.Length && raw[lead] is ' ' or '\t')
        {
            lead++;
        }

        string text = Decomment(raw[lead..], file, line, columnOffset + lead + 1, out int[] map);
        if (text.Length == 0)
        {
            return;
        }

        int[] columns = [.. map.Select(m => m + lead + 1 + columnOffset)];

        // "@ID rest": only for config id ID ("@^ID": only when it is not ID).
        if (text[0] == '@')
        {
            bool reverse = text.Length > 1 && text[1] == '^';
            int ofs = reverse ? 2 : 1;
            int space = text.IndexOfAny([' ', '\t'], ofs);
            if (space < 0)
            {
                return;
            }

            string id = text[ofs..space];
            bool matches = _configId is not null && id == _configId;
            if (matches == reverse)
            {
                return;
            }

            int rest = space;
            while (rest < text.Length && text[rest] is ' ' or '\t')
            {
                rest++;
            }

            text = text[rest..];
            columns = columns[rest..];
            if (text.Length == 0)
            {
                return;
            }
        }

        if (text[0] == '$')
        {
            if (!_noticedDefinitions)
            {
                _noticedDefinitions = true;
                Report(DiagnosticSeverity.Notice, file, line, columns[0], "parameter definitions ('$NAME=...') are not modelled by VrrpLab - the line is skipped and $NAME is not replaced", NotModelled: true);
            }

            return;
        }

        if (text.StartsWith("~SEQ", StringComparison.Ordinal) || text.StartsWith("~LST", StringComparison.Ordinal))
        {
            Report(DiagnosticSeverity.Notice, file, line, columns[0], "~SEQ/~LST line generation is not modelled by VrrpLab - the line is skipped", NotModelled: true);
            return;
        }

        if (IsInclude(text))
        {
            int p = text[7] is ' ' or '\t' ? 8 : 9;
            while (p < text.Length && text[p] is ' ' or '\t')
            {
                p++;
            }

            Include(text[p..], file, line, p < columns.Length ? columns[p] : columns[^1], baseDirectory);
            return;
        }

        // Every '{' and '}' outside quotes becomes a line of its own.
        int from = 0;
        while (from < text.Length)
        {
            int brace = FindBrace(text, from);
            string piece;
            int pieceStart = from;
            if (brace == from)
            {
                piece = text[from..(from + 1)];
                from++;
                while (from < text.Length && text[from] is ' ' or '\t')
                {
                    from++;
                }
            }
            else if (brace > from)
            {
                piece = text[from..brace];
                from = brace;
            }
            else
            {
                piece = text[from..];
                from = text.Length;
            }

            Emit(piece.TrimEnd(' ', '\t'), columns, pieceStart, file, line, fileId);
        }
    }

    private void Emit(string piece, int[] columns, int start, string file, int line, int fileId)
    {
        if (piece.Length == 0)
        {
            return;
        }

        int seq = _lines.Count;
        if (piece == "{")
        {
            _open.Push((file, line, columns[start]));
        }
        else if (piece == "}" && !_open.TryPop(out _))
        {
            Report(DiagnosticSeverity.Error, file, line, columns[start], "Extra '}' found", seq);
        }

        var words = ImmutableArray.CreateBuilder<ConfigToken>();
        int i = 0;
        long physical = ((long)fileId << 32) | (uint)line;
        while (i < piece.Length)
        {
            while (i < piece.Length && IsSpace(piece[i]))
            {
                i++;
            }

            if (i >= piece.Length)
            {
                break;
            }

            int col = columns[start + i];
            if (piece[i] == '"')
            {
                int close = piece.IndexOf('"', i + 1);
                if (close < 0)
                {
                    // alloc_strvec: "Unmatched quote: '%s'" and the rest of the line is lost.
                    Report(DiagnosticSeverity.Error, file, line, col, $"Unmatched quote: '{piece}'", seq);
                    break;
                }

                words.Add(new ConfigToken(Kind(piece[(i + 1)..close]), piece[(i + 1)..close], file, line, col, true, seq));
                i = close + 1;
                continue;
            }

            int j = i;
            while (j < piece.Length && !IsSpace(piece[j]) && piece[j] != '"')
            {
                j++;
            }

            string w = piece[i..j];
            words.Add(new ConfigToken(Kind(w), w, file, line, col, false, seq));
            i = j;
        }

        if (words.Count > 0)
        {
            _lines.Add(new LogicalLine(words.ToImmutable(), file, line, seq, physical));
        }
    }

    private static TokenKind Kind(string w) => w == "{" ? TokenKind.Open : w == "}" ? TokenKind.Close : TokenKind.Word;

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\f' or '\n' or '\r' or '\v';

    /// <summary>The first '{' or '}' outside quotes at or after <paramref name="from"/>; a line starting with one returns it.</summary>
    private static int FindBrace(string text, int from)
    {
        if (text[from] is '{' or '}')
        {
            return from;
        }

        int p = from;
        while (p < text.Length)
        {
            int q = text.IndexOfAny(['{', '}', '"'], p);
            if (q < 0)
            {
                return -1;
            }

            if (text[q] != '"')
            {
                return q;
            }

            int close = text.IndexOf('"', q + 1);
            if (close < 0)
            {
                return -1;
            }

            p = close + 1;
        }

        return -1;
    }

    /// <summary>
    /// keepalived's <c>decomment</c>: cuts the line at the first '#' or '!' outside double quotes
    /// (<c>\#</c> and <c>\!</c> outside quotes stand for the characters), strips trailing blanks,
    /// and reports an unterminated quote. <paramref name="map"/> gives each output character's index in the input.
    /// </summary>
    private string Decomment(string s, string file, int line, int column, out int[] map)
    {
        var chars = new List<char>(s.Length);
        var idx = new List<int>(s.Length);
        bool quote = false;
        bool cont = false;
        int cut = -1;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '"')
            {
                if (cut < 0)
                {
                    quote = !quote;
                }
            }
            else if (c == '\\')
            {
                if (i + 1 < s.Length)
                {
                    if (!quote && s[i + 1] is '#' or '!')
                    {
                        if (cut < 0)
                        {
                            chars.Add(s[i + 1]);
                            idx.Add(i + 1);
                        }

                        i++;
                        continue;
                    }

                    if (cut < 0)
                    {
                        chars.Add(c);
                        idx.Add(i);
                        chars.Add(s[i + 1]);
                        idx.Add(i + 1);
                    }

                    i++;
                    continue;
                }

                cont = true;
                break;
            }
            else if (!quote && cut < 0 && c is '!' or '#')
            {
                cut = chars.Count;
            }

            if (cut < 0)
            {
                chars.Add(c);
                idx.Add(i);
            }
        }

        if (quote)
        {
            int open = -1;
            bool q = false;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '"')
                {
                    q = !q;
                    open = q ? i : -1;
                }
            }

            Report(DiagnosticSeverity.Error, file, line, column + Math.Max(0, open), $"Unterminated quote '{s}'", _lines.Count);
        }

        int len = chars.Count;
        while (len > 0 && chars[len - 1] is ' ' or '\t')
        {
            len--;
        }

        if (cont && len > 0)
        {
            chars.Insert(len, '\\');
            idx.Insert(len, s.Length - 1);
            len++;
        }

        map = [.. idx.Take(len)];
        return new string([.. chars.Take(len)]);
    }

    private static bool IsInclude(string text) =>
        text.StartsWith("include", StringComparison.Ordinal) && text.Length > 8
        && (text[7] is ' ' or '\t' || (text[8] is ' ' or '\t' && "rmwba".Contains(text[7], StringComparison.Ordinal)));

    private void Include(string pattern, string file, int line, int column, string baseDirectory)
    {
        pattern = pattern.TrimEnd(' ', '\t');
        if (pattern.Length == 0)
        {
            return;
        }

        if (_fs is null)
        {
            Report(DiagnosticSeverity.Error, file, line, column, $"include '{pattern}' cannot be read: no file system is available for this text", _lines.Count);
            return;
        }

        if (_stack.Count > MaxIncludeDepth)
        {
            Report(DiagnosticSeverity.Error, file, line, column, $"includes nested more than {MaxIncludeDepth} deep", _lines.Count);
            return;
        }

        IReadOnlyList<string> files = ConfigGlob.Expand(_fs, baseDirectory, pattern);
        if (files.Count == 0)
        {
            // open_and_check_glob: logged, but a plain include does not fail keepalived -t.
            Report(DiagnosticSeverity.Notice, file, line, column, $"Config files missing '{pattern}'.", _lines.Count);
            return;
        }

        foreach (string f in files)
        {
            string key = Key(f);
            if (_stack.Contains(key, StringComparer.Ordinal))
            {
                Report(DiagnosticSeverity.Error, file, line, column, $"include cycle: {string.Join(" -> ", _stack.Append(key))}", _lines.Count);
                continue;
            }

            if (!_fs.TryReadAllText(f, out string? text, out string? error))
            {
                Report(DiagnosticSeverity.Error, file, line, column, $"Configuration file '{f}' open problem ({error})", _lines.Count);
                continue;
            }

            _stack.Add(key);
            ReadFile(text, f, 0, 0, BaseDirectory(f));
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    private void Report(DiagnosticSeverity severity, string file, int line, int column, string message, long order = -1, bool NotModelled = false) =>
        _diagnostics.Add(new ConfigDiagnostic(severity, file, line, column, message)
        {
            Order = order < 0 ? _lines.Count : order,
            NotModelled = NotModelled,
        });

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
