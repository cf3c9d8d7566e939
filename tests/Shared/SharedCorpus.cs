namespace VrrpLab.Tests.Shared;

/// <summary>
/// The project's shared inputs (the real-world keepalived.conf corpus, the seed article): read in
/// place from <c>../shared</c> beside the repository (CI has it there too), never copied into the
/// repository. <c>VRRPLAB_SHARED</c> overrides the location. Missing is a failure, not a skip.
/// </summary>
internal static class SharedCorpus
{
    /// <summary>The shared directory.</summary>
    public static string Root
    {
        get
        {
            if (Environment.GetEnvironmentVariable("VRRPLAB_SHARED") is { Length: > 0 } env)
            {
                return env;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "corpus", "keepalived-wild")) && dir.FullName != "/")
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException(
                "../shared/corpus/keepalived-wild was not found beside the repository (or set VRRPLAB_SHARED): the real-world corpus tests cannot run");
        }
    }

    /// <summary>The 45 wild keepalived.conf files' directory.</summary>
    public static string Wild => Path.Combine(Root, "corpus", "keepalived-wild");

    /// <summary>The top-level corpus files, sorted.</summary>
    public static IReadOnlyList<string> WildFiles =>
        [.. Directory.GetFiles(Wild, "*.conf").Order(StringComparer.Ordinal)];

    /// <summary>KA_VERDICTS.tsv: file, keepalived -t exit code measured in a namespace, target verdict, gist.</summary>
    public static IReadOnlyList<(string File, int ExitCode, string Target, string Gist)> Verdicts =>
        [.. File.ReadAllLines(Path.Combine(Wild, "KA_VERDICTS.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2], p.Length > 3 ? p[3] : ""))];

    /// <summary>The master/backup pairs of SOURCES.md whose two files are in the corpus.</summary>
    public static IReadOnlyList<(string Name, string A, string B)> Pairs
    {
        get
        {
            var pairs = new List<(string, string, string)>();
            foreach (string line in File.ReadAllLines(Path.Combine(Wild, "SOURCES.md")))
            {
                var m = System.Text.RegularExpressions.Regex.Match(line, @"^\| (\S+\.conf) \|.*\| (P\d+) with (\S+\.conf) \|");
                if (m.Success && string.CompareOrdinal(m.Groups[1].Value, m.Groups[3].Value) < 0
                    && File.Exists(Path.Combine(Wild, m.Groups[1].Value)) && File.Exists(Path.Combine(Wild, m.Groups[3].Value)))
                {
                    pairs.Add((m.Groups[2].Value, Path.Combine(Wild, m.Groups[1].Value), Path.Combine(Wild, m.Groups[3].Value)));
                }
            }

            return pairs;
        }
    }
}
