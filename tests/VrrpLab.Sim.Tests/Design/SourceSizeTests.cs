namespace VrrpLab.Sim.Tests.Design;

/// <summary>
/// Issue 13: no production file over about 400 lines without a reason in its header. A file longer
/// than <see cref="Limit"/> lines must open with a <c>// Over 400 lines: WHY</c> comment; split it
/// where it reads better, or say why it reads better whole.
/// </summary>
public class SourceSizeTests
{
    /// <summary>"About 400": a file a few lines over 400 is not worth a reason yet.</summary>
    private const int Limit = 420;

    private static readonly string[] ProductionFolders = ["engine", "sim", "config", "realnet", "lab", "explore", "cli", "report"];

    private static IEnumerable<string> ProductionFiles() =>
        ProductionFolders
            .Select(f => Repository.File(f))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Test]
    public void Every_production_file_over_about_400_lines_says_why_in_its_first_line()
    {
        List<string> files = [.. ProductionFiles()];
        Assert.That(files, Has.Count.GreaterThan(100), "the production folders were not found");
        var unexplained = new List<string>();
        foreach (string path in files)
        {
            string[] lines = File.ReadAllLines(path);
            if (lines.Length > Limit && !lines[0].StartsWith("// Over 400 lines: ", StringComparison.Ordinal))
            {
                unexplained.Add($"{Path.GetRelativePath(Repository.Root, path)} ({lines.Length} lines)");
            }
        }

        Assert.That(unexplained, Is.Empty, "split these files, or open them with '// Over 400 lines: <why it reads better whole>'");
    }
}
