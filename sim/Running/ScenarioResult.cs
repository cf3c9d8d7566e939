using System.Collections.Immutable;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Running;

/// <summary>One scenario's run and verdicts.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Simulation">The run.</param>
/// <param name="Verdicts">One per expectation, in file order.</param>
public sealed record ScenarioResult(Scenario Scenario, SimulationResult Simulation, ImmutableArray<Verdict> Verdicts)
{
    /// <summary>The seed in force.</summary>
    public ulong Seed => Simulation.Seed;

    /// <summary>True when every expectation holds.</summary>
    public bool Passed => Verdicts.All(v => v.Passed);
}
