namespace VrrpLab.Config.Syntax;

/// <summary>What a <see cref="ConfigToken"/> is.</summary>
public enum TokenKind
{
    /// <summary>A word or a <c>"quoted string"</c>.</summary>
    Word,

    /// <summary><c>{</c>.</summary>
    Open,

    /// <summary><c>}</c>.</summary>
    Close,
}
