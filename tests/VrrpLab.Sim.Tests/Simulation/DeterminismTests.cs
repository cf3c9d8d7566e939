using System.Security.Cryptography;

namespace VrrpLab.Sim.Tests.Simulation;

public class DeterminismTests
{
    private static IEnumerable<string> ShippedScenarios() =>
        Directory.GetFiles(RepoPaths.Scenarios, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string TraceHash(Scenario s, ulong? seed = null)
    {
        SimulationResult r = new Simulator(s, new SimulationOptions { Seed = seed, Recording = RecordingLevel.Full }).Run();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TraceJsonl.ToText(r.Trace))));
    }

    private static Scenario Load(string path)
    {
        ScenarioLoadResult l = ScenarioLoader.LoadFile(path);
        Assert.That(l.Succeeded, Is.True, string.Join("\n", l.Errors));
        return l.Scenario!;
    }

    [Test]
    public void Every_shipped_scenario_gives_the_same_trace_twice()
    {
        string[] files = [.. ShippedScenarios()];
        Assert.That(files, Is.Not.Empty);
        foreach (string f in files)
        {
            Scenario s = Load(f);
            Assert.That(TraceHash(s), Is.EqualTo(TraceHash(s)), f);
        }
    }

    [Test]
    public void Two_seeds_on_a_lossy_segment_give_different_traces_and_each_replays_exactly()
    {
        Scenario s = Load(Path.Combine(RepoPaths.Golden, "golden-stop.yaml"));
        string a = TraceHash(s, 1);
        string b = TraceHash(s, 2);
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(TraceHash(s, 1), Is.EqualTo(a));
    }

    [Test]
    public void The_golden_trace_is_reproduced_byte_for_byte()
    {
        string golden = Path.Combine(RepoPaths.Golden, "golden-stop.jsonl");
        Scenario s = Load(Path.Combine(RepoPaths.Golden, "golden-stop.yaml"));
        ScenarioResult r = ScenarioRunner.Run(s, new SimulationOptions { Recording = RecordingLevel.Full });
        string text = TraceJsonl.ToText(r.Simulation.Trace);
        if (Environment.GetEnvironmentVariable("VRRPLAB_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, text, new UTF8Encoding(false));
            Assert.Warn("golden trace regenerated: " + golden);
        }

        Assert.That(r.Passed, Is.True, string.Join("\n", r.Verdicts.Select(v => v.Description + ": " + v.Evidence)));
        Assert.That(File.ReadAllText(golden), Is.EqualTo(text), "the trace changed; if on purpose, regenerate with VRRPLAB_UPDATE_GOLDEN=1");
    }
}
