using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Explore.Running;

/// <summary>One simulated run of a schedule and the verdict of each property checked.</summary>
/// <param name="Simulation">The run.</param>
/// <param name="Verdicts">One per property, in <see cref="ExploreOptions.Properties"/> order.</param>
public sealed record Trial(SimulationResult Simulation, Verdict[] Verdicts);
