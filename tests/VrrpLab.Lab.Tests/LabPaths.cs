using VrrpLab.Tests.Shared;

namespace VrrpLab.Lab.Tests;

/// <summary>The repository's scenarios and the built vrrplab the lab runs.</summary>
internal static class LabPaths
{
    public static string Root => Repository.Root;

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name + ".yaml");

    /// <summary>
    /// The vrrplab under test: <c>$VRRPLAB_DAEMON</c> if set, else the NativeAOT build of scripts/publish
    /// when it is current (scripts/test publishes before the tests), else <c>dotnet vrrplab.dll</c> next to the
    /// tests (the project references cli/).
    /// </summary>
    public static (IReadOnlyList<string> Command, string Description) Vrrplab =>
        VrrplabBinary.Resolve(Environment.GetEnvironmentVariable("VRRPLAB_DAEMON"), TestContext.CurrentContext.TestDirectory, null);

    public static Scenario Load(string name)
    {
        ScenarioLoadResult r = ScenarioLoader.LoadFile(Scenario(name));
        return r.Scenario ?? throw new InvalidOperationException(string.Join("\n", r.Diagnostics));
    }

    public static Scenario LoadText(string yaml)
    {
        ScenarioLoadResult r = ScenarioLoader.LoadText(yaml, "inline.yaml");
        return r.Scenario ?? throw new InvalidOperationException(string.Join("\n", r.Diagnostics));
    }

    public static LabOptions Options(NodeImplementation impl) =>
        new() { Implementation = impl, VrrplabCommand = Vrrplab.Command, VrrplabDescription = Vrrplab.Description };

    /// <summary>One run as text, for failure messages.</summary>
    public static string Text(LabRun run)
    {
        var w = new StringWriter();
        LabReport.WriteText(run, w);
        foreach ((string node, IReadOnlyList<(long TimeUs, string Text)> lines) in run.DaemonLogs)
        {
            w.WriteLine($"--- {node}");
            foreach ((long t, string text) in lines.TakeLast(40))
            {
                w.WriteLine($"[{t / 1e6:0.000000}] {text}");
            }
        }

        return w.ToString();
    }
}
