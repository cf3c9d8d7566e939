namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// Which <c>vrrplab</c> the namespace tests run. <c>$VRRPLAB_DAEMON</c> names a native executable (the
/// NativeAOT build of <c>scripts/publish</c>), or a <c>vrrplab.dll</c> to run on the JIT; unset, the
/// tests run the JIT build: <c>$VRRPLAB_DLL</c>, else the <c>vrrplab.dll</c> next to the test assembly
/// (the test project references cli/), else <c>artifacts/bin/VrrpLab.Cli/*/vrrplab.dll</c> above it.
/// </summary>
public static class DaemonLocator
{
    /// <summary>The environment variable that selects the daemon build under test.</summary>
    public const string DaemonVariable = "VRRPLAB_DAEMON";

    private static readonly Lazy<IReadOnlyList<string>> Found = new(Locate);

    /// <summary>The command that runs vrrplab (before its verb): <c>[dotnet, .../vrrplab.dll]</c> or <c>[.../vrrplab]</c>.</summary>
    /// <exception cref="FixtureException">No build was found.</exception>
    public static IReadOnlyList<string> Command => Found.Value;

    /// <summary>The same command as one shell word sequence (paths without spaces), e.g. for a <c>VRRPLAB=</c> line.</summary>
    public static string CommandText => string.Join(' ', Command);

    /// <summary>True when the tests run the native (NativeAOT) executable.</summary>
    public static bool IsNative => Command.Count == 1;

    /// <summary>"native /path/vrrplab" or "JIT /path/vrrplab.dll", for test output.</summary>
    public static string Describe() => (IsNative ? "native " : "JIT ") + Command[^1];

    private static IReadOnlyList<string> Locate()
    {
        if (Environment.GetEnvironmentVariable(DaemonVariable) is { Length: > 0 } chosen)
        {
            string full = Path.GetFullPath(chosen);
            if (!File.Exists(full))
            {
                throw new FixtureException($"{DaemonVariable}={chosen}: no such file (build it with scripts/publish, or unset {DaemonVariable} to test the JIT build)");
            }

            return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", full] : [full];
        }

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

        string dll = candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new FixtureException("vrrplab.dll is not built (looked at: " + string.Join(", ", candidates) + "); build cli/VrrpLab.Cli.csproj, or set VRRPLAB_DLL, or VRRPLAB_DAEMON to a native build");
        return ["dotnet", dll];
    }
}
