using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Cli.Check;

/// <summary>
/// The fault-simulation half of <c>vrrplab check</c>: runs a standard catalogue of faults (crash,
/// stop, partition, loss...) against the hosts' configurations in the simulator. The simulator
/// provides an implementation and sets <see cref="Commands.CheckCommand.FaultSimulation"/>; until
/// then <c>check</c> only lints and says that the simulation did not run.
/// </summary>
public interface ICheckFaultSimulation
{
    /// <summary>Simulates the catalogue against <paramref name="hosts"/> (file name and configuration, one per host).</summary>
    ImmutableArray<FaultVerdict> Run(IReadOnlyList<(string File, RouterConfig Config)> hosts);
}
