using System.Collections.Immutable;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// One keepalived.conf statement: a keyword and its arguments (all on one line), and the
/// statements of its <c>{ ... }</c> block when it has one.
/// </summary>
/// <param name="Keyword">The first word.</param>
/// <param name="Arguments">The other words on the same line, before any brace.</param>
/// <param name="Block">The block's statements, or default when the statement has no block.</param>
/// <param name="OpenBrace">The block's <c>{</c> (meaningful only when <see cref="HasBlock"/>).</param>
public sealed record ConfigStatement(
    ConfigToken Keyword,
    ImmutableArray<ConfigToken> Arguments,
    ImmutableArray<ConfigStatement> Block,
    ConfigToken OpenBrace)
{
    /// <summary>The reading position where its block ended (keepalived runs a block's end handler there).</summary>
    public long EndOrder { get; init; }

    /// <summary>True when a <c>{ ... }</c> block followed the statement.</summary>
    public bool HasBlock => !Block.IsDefault;

    /// <summary>The keyword text.</summary>
    public string Name => Keyword.Text;

    /// <summary>The statement's position (its keyword).</summary>
    public SourceLocation Location => Keyword.Location;

    /// <summary>The n-th argument's text, or null.</summary>
    public string? Arg(int index) => index < Arguments.Length ? Arguments[index].Text : null;
}
