using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Running;

/// <summary>Runs a scenario in the simulator and checks its expectations.</summary>
public static class ScenarioRunner
{
    /// <summary>Simulates <paramref name="scenario"/> and evaluates every expectation.</summary>
    public static ScenarioResult Run(Scenario scenario, SimulationOptions? options = null)
    {
        SimulationResult run = new Simulator(scenario, options).Run();
        return new ScenarioResult(scenario, run, ExpectationEvaluator.Evaluate(run));
    }

    /// <summary>The one-line command that replays a run: <c>vrrplab run FILE --seed N</c>.</summary>
    public static string ReplayCommand(ScenarioResult result) =>
        $"vrrplab run {Quote(result.Scenario.SourcePath ?? result.Scenario.Name + ".yaml")} --seed {result.Seed}";

    private static string Quote(string path) =>
        path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or '\\') ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;
}
