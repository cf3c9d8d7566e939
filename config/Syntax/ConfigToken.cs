namespace VrrpLab.Config.Syntax;

/// <summary>
/// One token of a keepalived.conf with its position. <see cref="Line"/> and <see cref="Column"/>
/// are as reported (offsets applied); <see cref="PhysicalLine"/> is its logical line's position in
/// reading order (keepalived reads one statement a logical line).
/// </summary>
/// <param name="Kind">Word, <c>{</c> or <c>}</c>.</param>
/// <param name="Text">The word without quotes.</param>
/// <param name="File">Display name of the file.</param>
/// <param name="Line">Reported 1-based line.</param>
/// <param name="Column">Reported 1-based column.</param>
/// <param name="Quoted">True when the word was written in double quotes.</param>
/// <param name="PhysicalLine">The index of its logical line in reading order (<see cref="LogicalLine.Sequence"/>).</param>
public readonly record struct ConfigToken(TokenKind Kind, string Text, string File, int Line, int Column, bool Quoted, long PhysicalLine)
{
    /// <summary>The token's position.</summary>
    public SourceLocation Location => new(File, Line, Column);
}
