using System.Collections.Immutable;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The outcome of loading a scenario: the scenario, or the errors that prevent it.</summary>
/// <param name="Scenario">The scenario; null when <see cref="Diagnostics"/> has an error.</param>
/// <param name="Diagnostics">Errors and warnings in file order, each <c>file:line:col: message</c>.</param>
public sealed record ScenarioLoadResult(Scenario? Scenario, ImmutableArray<ScenarioDiagnostic> Diagnostics)
{
    /// <summary>True when the scenario loaded (warnings allowed).</summary>
    public bool Succeeded => Scenario is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<ScenarioDiagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
