namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// A node's keepalived.conf as written in the scenario (inline or <c>keepalived_file</c>), kept so the
/// lab can hand the same text to a real daemon.
/// </summary>
/// <param name="Text">The configuration text, unchanged.</param>
/// <param name="File">Where it was read: the <c>keepalived_file</c> path, or the scenario file for inline text.</param>
/// <param name="BaseDirectory">The base of relative <c>include</c>s.</param>
/// <param name="LineOffset">Line of the text's first line in <paramref name="File"/>, minus one (0 for a file of its own).</param>
/// <param name="ColumnOffset">Column offset of the text in <paramref name="File"/> (an inline block's indentation).</param>
public sealed record NodeConfigText(string Text, string File, string? BaseDirectory, int LineOffset, int ColumnOffset);
