namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// Finds the built <c>vrrplab.dll</c>: <c>$VRRPLAB_DLL</c>, else next to the test assembly (the test
/// project references cli/), else <c>artifacts/bin/VrrpLab.Cli/*/vrrplab.dll</c> above the working directory.
/// </summary>
public static class DaemonLocator
{
    private static readonly Lazy<string> Found = new(Locate);

    /// <summary>The path of vrrplab.dll; throws a <see cref="FixtureException"/> when it is not built.</summary>
    public static string VrrplabDll => Found.Value;

    private static string Locate()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("VRRPLAB_DLL") is { Length: > 0 } env)
        {
            candidates.Add(env);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "vrrplab.dll"));
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string bin = Path.Combine(dir, "artifacts", "bin", "VrrpLab.Cli");
            if (Directory.Exists(bin))
            {
                candidates.AddRange(Directory.GetFiles(bin, "vrrplab.dll", SearchOption.AllDirectories));
            }
        }

        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new FixtureException("vrrplab.dll is not built (looked at: " + string.Join(", ", candidates) + "); build cli/VrrpLab.Cli.csproj or set VRRPLAB_DLL");
    }
}
