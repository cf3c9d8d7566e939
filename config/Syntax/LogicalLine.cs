using System.Collections.Immutable;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// One line as keepalived's parser sees it (after comments, conditional prefixes, includes and
/// brace splitting): its words, where it was written, and its position in reading order.
/// </summary>
/// <param name="Words">The words; a lone <c>{</c> or <c>}</c> is a line of its own.</param>
/// <param name="File">Display name of the file it comes from.</param>
/// <param name="Line">Reported line number.</param>
/// <param name="Sequence">Index in reading order (diagnostics are ordered by it, as keepalived emits them).</param>
/// <param name="Physical">Identifies the source line (file and line).</param>
public sealed record LogicalLine(ImmutableArray<ConfigToken> Words, string File, int Line, int Sequence, long Physical)
{
    /// <summary>The first word.</summary>
    public string First => Words[0].Text;

    /// <summary>The last word.</summary>
    public string Last => Words[^1].Text;

    /// <summary>True when the line is a lone <c>{</c>.</summary>
    public bool IsOpen => Words.Length == 1 && Words[0].Kind == TokenKind.Open;

    /// <summary>True when the line is a lone <c>}</c>.</summary>
    public bool IsClose => Words.Length == 1 && Words[0].Kind == TokenKind.Close;
}
