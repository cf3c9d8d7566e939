namespace VrrpLab.Sim.Tests;

/// <summary>Finds the repository root (the directory holding VrrpLab.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root => Repository.Root;

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static string Golden => Path.Combine(Root, "tests", "VrrpLab.Sim.Tests", "Golden");
}
