using System.Runtime.CompilerServices;

namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// Where to look for the repository's files (README.md, out/publish): every directory above the test
/// assembly, then every directory above this source file (the build output may live outside the
/// checkout, e.g. with VRRPLAB_ARTIFACTS).
/// </summary>
public static class RepositoryDirectories
{
    /// <summary>The candidate directories, nearest first.</summary>
    public static IEnumerable<string> Candidates() => Above(AppContext.BaseDirectory).Concat(Above(Path.GetDirectoryName(SourceFile())));

    private static IEnumerable<string> Above(string? start)
    {
        for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            yield return dir;
        }
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
