using VrrpLab.Tests.Shared;

namespace VrrpLab.Report.Tests;

/// <summary>Finds the repository root (the directory holding VrrpLab.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root => Repository.Root;

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);
}
