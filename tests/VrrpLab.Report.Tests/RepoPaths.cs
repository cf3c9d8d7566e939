namespace VrrpLab.Report.Tests;

/// <summary>Finds the repository root (the directory holding VrrpLab.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            string? dir = TestContext.CurrentContext.TestDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "VrrpLab.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("VrrpLab.sln not found above " + TestContext.CurrentContext.TestDirectory);
        }
    }

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);
}
