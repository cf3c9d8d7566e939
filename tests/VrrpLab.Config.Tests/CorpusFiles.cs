namespace VrrpLab.Config.Tests;

/// <summary>The checked-in keepalived.conf corpus (copied next to the test assembly).</summary>
internal static class CorpusFiles
{
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Corpus");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The corpus file <paramref name="name"/> read from disk as keepalived reads it (includes resolved).</summary>
    public static ConfigReadResult Read(string name) => KeepalivedConfigReader.Read(PathOf(name), PhysicalConfigFileSystem.Instance);

    /// <summary>The configuration of the corpus file <paramref name="name"/>, which must read without a warning or error.</summary>
    public static RouterConfig ReadClean(string name)
    {
        ConfigReadResult r = Read(name);
        Assert.That(r.IsClean, Is.True, string.Join("\n", r.Diagnostics));
        return r.Config!;
    }

    /// <summary>
    /// The corpus file <paramref name="name"/> read as <see cref="Read"/> reads it, whose diagnostics must be
    /// <paramref name="expected"/>, each from its position on (<c>LINE:COLUMN: severity: message</c>): the
    /// text after the file's name and its colon.
    /// </summary>
    public static ConfigReadResult ReadWithMessages(string name, params string[] expected)
    {
        ConfigReadResult r = Read(name);
        Assert.That(r.Diagnostics.Select(d => d.ToString()).Select(t => t[(t.IndexOf(name + ":", StringComparison.Ordinal) + name.Length + 1)..]), Is.EqualTo(expected));
        return r;
    }

    /// <summary>The top-level corpus files (not the included fragments).</summary>
    public static IEnumerable<string> TopLevel() =>
        System.IO.Directory.GetFiles(Directory, "*.conf").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
