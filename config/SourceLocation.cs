namespace VrrpLab.Config;

/// <summary>A position in a configuration file (1-based line and column).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary><c>file:line:col</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
