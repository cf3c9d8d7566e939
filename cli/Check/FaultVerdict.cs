namespace VrrpLab.Cli.Check;

/// <summary>The outcome of one simulated fault.</summary>
/// <param name="Fault">What was simulated, e.g. <c>master crashes at 10s</c>.</param>
/// <param name="Passed">True when failover behaved (single master, VIP reachable within bounds).</param>
/// <param name="Evidence">One line of evidence (times, nodes).</param>
public sealed record FaultVerdict(string Fault, bool Passed, string Evidence)
{
    /// <summary>The simulation the verdict was drawn from (drawn by <c>--report</c>), if one ran.</summary>
    public Sim.Simulation.SimulationResult? Run { get; init; }

    /// <summary>When the fault was applied (microseconds), if it was.</summary>
    public long? FaultAtUs { get; init; }
}
