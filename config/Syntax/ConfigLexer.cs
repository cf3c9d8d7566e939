using System.Text;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// Splits keepalived.conf text into tokens the way keepalived's <c>read_line</c>/<c>alloc_strvec</c>
/// do: <c>#</c> and <c>!</c> start a comment outside quotes, white space separates words,
/// <c>"..."</c> is one word, and <c>{</c> / <c>}</c> are tokens wherever they stand.
/// </summary>
public static class ConfigLexer
{
    /// <summary>
    /// Tokenises <paramref name="text"/>. <paramref name="lineOffset"/> is added to every line
    /// number and <paramref name="columnOffset"/> to every column (the text sits indented inside
    /// another file, e.g. a YAML block scalar). Problems (an unterminated quote) go to <paramref name="diagnostics"/>.
    /// </summary>
    public static List<ConfigToken> Tokenize(
        string text, string file, int fileId, int lineOffset, int columnOffset, List<ConfigDiagnostic> diagnostics)
    {
        var tokens = new List<ConfigToken>();
        int lineNo = 0;
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            string line = text[start..end].TrimEnd('\r');
            lineNo++;
            TokenizeLine(line, file, lineNo + lineOffset, columnOffset, ((long)fileId << 32) | (uint)lineNo, tokens, diagnostics);
            start = end + 1;
        }

        return tokens;
    }

    private static void TokenizeLine(
        string line, string file, int reportedLine, int columnOffset, long physical, List<ConfigToken> tokens, List<ConfigDiagnostic> diagnostics)
    {
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '#' or '!')
            {
                return;
            }

            int col = i + 1 + columnOffset;
            if (c is '{' or '}')
            {
                tokens.Add(new ConfigToken(c == '{' ? TokenKind.Open : TokenKind.Close, c.ToString(), file, reportedLine, col, false, physical));
                i++;
                continue;
            }

            if (c == '"')
            {
                int close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    // keepalived: "Unterminated quote '...'" and the line is unusable.
                    diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, file, reportedLine, col, $"Unterminated quote '{line.Trim()}'"));
                    tokens.Add(new ConfigToken(TokenKind.Word, line[(i + 1)..], file, reportedLine, col, true, physical));
                    return;
                }

                tokens.Add(new ConfigToken(TokenKind.Word, line[(i + 1)..close], file, reportedLine, col, true, physical));
                i = close + 1;
                continue;
            }

            var sb = new StringBuilder();
            while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] is not ('{' or '}' or '#' or '!' or '"'))
            {
                sb.Append(line[i]);
                i++;
            }

            tokens.Add(new ConfigToken(TokenKind.Word, sb.ToString(), file, reportedLine, col, false, physical));
        }
    }
}
