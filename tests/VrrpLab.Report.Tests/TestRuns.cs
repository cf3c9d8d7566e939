using VrrpLab.Sim.Scenarios;
using VrrpLab.Tests.Shared;

namespace VrrpLab.Report.Tests;

/// <summary>Scenarios run in the simulator for the report's tests.</summary>
internal static class TestRuns
{
    /// <summary>Loads and runs <c>scenarios/NAME</c> (full trace).</summary>
    public static ScenarioResult Shipped(string file)
    {
        ScenarioLoadResult load = ScenarioLoader.LoadFile(RepoPaths.Scenario(file));
        Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics));
        return ScenarioRunner.Run(load.Scenario!);
    }

    /// <summary>Loads and runs a scenario given as YAML text.</summary>
    public static ScenarioResult FromYaml(string yaml, string name = "test.yaml")
    {
        ScenarioLoadResult load = ScenarioLoader.LoadText(yaml, name, RepoPaths.Root);
        Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics));
        return ScenarioRunner.Run(load.Scenario!);
    }

    /// <summary>The seed article's scenario with one expectation that fails: server2 taking over within [0, 0.5s] after the stop.</summary>
    public static readonly string FailingPair = PairScenario.Described(
        "failing-pair",
        "node1 stops at 10s; node2 takes over after its skew, later than the expectation allows.",
        "always: single_master",
        "takeover: { node: node2, after: 10s, within: [0s, 0.5s] }",
        "outage: { max: 1s, after: 5s }");
}
