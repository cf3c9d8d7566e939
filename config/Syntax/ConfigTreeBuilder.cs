using System.Collections.Immutable;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// Groups tokens into statements and blocks. A statement is the words of one line up to a brace;
/// a <c>{</c> (on the same or a later line) opens the block of the statement before it, as
/// keepalived accepts both <c>vrrp_instance VI_1 {</c> and a brace on the next line.
/// Unbalanced braces are errors with the position of the offending brace.
/// </summary>
public sealed class ConfigTreeBuilder
{
    private readonly IReadOnlyList<ConfigToken> _tokens;
    private readonly List<ConfigDiagnostic> _diagnostics;
    private int _pos;
    private int _depth;

    /// <summary>Deepest block nesting accepted; deeper input is an error (and never overflows the stack).</summary>
    public const int MaxDepth = 64;

    private ConfigTreeBuilder(IReadOnlyList<ConfigToken> tokens, List<ConfigDiagnostic> diagnostics)
    {
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    /// <summary>Builds the top-level statements of <paramref name="tokens"/>.</summary>
    public static ImmutableArray<ConfigStatement> Build(IReadOnlyList<ConfigToken> tokens, List<ConfigDiagnostic> diagnostics)
    {
        var builder = new ConfigTreeBuilder(tokens, diagnostics);
        return builder.ParseStatements(topLevel: true);
    }

    private ImmutableArray<ConfigStatement> ParseStatements(bool topLevel)
    {
        var statements = ImmutableArray.CreateBuilder<ConfigStatement>();
        while (_pos < _tokens.Count)
        {
            ConfigToken t = _tokens[_pos];
            if (t.Kind == TokenKind.Close)
            {
                if (!topLevel)
                {
                    return statements.ToImmutable();
                }

                // keepalived: "Extra '}' found".
                _diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, t.File, t.Line, t.Column, "Extra '}' found"));
                _pos++;
                continue;
            }

            if (t.Kind == TokenKind.Open)
            {
                // A '{' with no statement before it: keepalived says "Unexpected '{' - ignoring".
                _diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, t.File, t.Line, t.Column, "Unexpected '{' - ignoring"));
                _pos++;
                _ = ParseBlockBody(t);
                continue;
            }

            ConfigToken keyword = t;
            var args = ImmutableArray.CreateBuilder<ConfigToken>();
            _pos++;
            while (_pos < _tokens.Count && _tokens[_pos].Kind == TokenKind.Word && _tokens[_pos].PhysicalLine == keyword.PhysicalLine)
            {
                args.Add(_tokens[_pos]);
                _pos++;
            }

            ImmutableArray<ConfigStatement> block = default;
            ConfigToken open = default;
            if (_pos < _tokens.Count && _tokens[_pos].Kind == TokenKind.Open)
            {
                open = _tokens[_pos];
                _pos++;
                block = ParseBlockBody(open);
            }

            statements.Add(new ConfigStatement(keyword, args.ToImmutable(), block, open));
        }

        return statements.ToImmutable();
    }

    private ImmutableArray<ConfigStatement> ParseBlockBody(ConfigToken open)
    {
        if (_depth >= MaxDepth)
        {
            _diagnostics.Add(new ConfigDiagnostic(
                DiagnosticSeverity.Error, open.File, open.Line, open.Column, $"blocks nested more than {MaxDepth} deep"));
            SkipBalanced(open);
            return [];
        }

        _depth++;
        ImmutableArray<ConfigStatement> body = ParseStatements(topLevel: false);
        _depth--;
        if (_pos < _tokens.Count && _tokens[_pos].Kind == TokenKind.Close)
        {
            _pos++;
        }
        else
        {
            // keepalived: "There are 1 missing '}'s or extra '{'s".
            _diagnostics.Add(new ConfigDiagnostic(
                DiagnosticSeverity.Error, open.File, open.Line, open.Column, "'{' is never closed: missing '}' (keepalived: There are 1 missing '}'s or extra '{'s)"));
        }

        return body;
    }

    private void SkipBalanced(ConfigToken open)
    {
        int level = 1;
        while (_pos < _tokens.Count)
        {
            TokenKind k = _tokens[_pos].Kind;
            _pos++;
            if (k == TokenKind.Open)
            {
                level++;
            }
            else if (k == TokenKind.Close && --level == 0)
            {
                return;
            }
        }

        _diagnostics.Add(new ConfigDiagnostic(
            DiagnosticSeverity.Error, open.File, open.Line, open.Column, "'{' is never closed: missing '}'"));
    }
}
