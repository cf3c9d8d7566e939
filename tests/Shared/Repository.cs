namespace VrrpLab.Tests.Shared;

/// <summary>
/// The repository the tests run from: the folder holding VrrpLab.sln above the test's output
/// folder (artifacts/bin/...). Linked into every test project that reads checked-in files.
/// </summary>
internal static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root
    {
        get
        {
            for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (System.IO.File.Exists(Path.Combine(dir, "VrrpLab.sln")))
                {
                    return dir;
                }
            }

            throw new InvalidOperationException("VrrpLab.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A path inside the repository, e.g. <c>File("scenarios", "seed-article.yaml")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}
