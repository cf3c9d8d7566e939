namespace VrrpLab.Cli.Run;

/// <summary>Expands <c>vrrplab run</c>'s PATH arguments: a directory means every <c>*.yaml</c> below it, sorted.</summary>
internal static class ScenarioFiles
{
    /// <summary>The files, in argument order (each directory's files sorted by ordinal path).</summary>
    /// <exception cref="UsageException">A path that does not exist, or a directory without scenarios.</exception>
    public static List<string> Expand(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (string p in paths)
        {
            if (Directory.Exists(p))
            {
                string[] found = Directory.GetFiles(p, "*.yaml", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                if (found.Length == 0)
                {
                    throw new UsageException($"{p}: no *.yaml scenario files in this directory");
                }

                files.AddRange(found);
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                throw new UsageException($"{p}: no such file or directory");
            }
        }

        return files;
    }
}
