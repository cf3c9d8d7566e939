namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// How a written scenario file gives a node's keepalived.conf: its text inline
/// (<c>keepalived: |</c>) or a path (<c>keepalived_file:</c>), for <see cref="ScenarioYamlWriter"/>.
/// </summary>
/// <param name="Inline">The configuration text, written verbatim as a literal block.</param>
/// <param name="Path">The configuration file, relative to the scenario file (or absolute).</param>
public readonly record struct KeepalivedRef(string? Inline, string? Path)
{
    /// <summary>The text, written inline.</summary>
    public static KeepalivedRef Text(string text) => new(text, null);

    /// <summary>A path, written as <c>keepalived_file</c>.</summary>
    public static KeepalivedRef File(string path) => new(null, path);
}
