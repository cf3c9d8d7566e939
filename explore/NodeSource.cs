namespace VrrpLab.Explore;

/// <summary>
/// Where a node's keepalived.conf comes from, for the scenario files explore writes: its text
/// (written inline), or, when it uses <c>include</c> (relative to its own folder), its file.
/// </summary>
/// <param name="Text">The configuration text, written inline as <c>keepalived: |</c>.</param>
/// <param name="Path">The configuration file, written as <c>keepalived_file:</c> relative to the output folder.</param>
public sealed record NodeSource(string? Text, string? Path)
{
    /// <summary>A source from a file's text: inline, unless it includes other files.</summary>
    public static NodeSource FromFile(string path, string text) =>
        UsesInclude(text) ? new NodeSource(null, System.IO.Path.GetFullPath(path)) : new NodeSource(text, System.IO.Path.GetFullPath(path));

    /// <summary>Whether the text has an <c>include</c> line (resolved relative to the file, so it cannot be inlined).</summary>
    public static bool UsesInclude(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            string t = line.TrimStart();
            if (t.StartsWith("include", StringComparison.Ordinal) && (t.Length == 7 || char.IsWhiteSpace(t[7])))
            {
                return true;
            }
        }

        return false;
    }
}
