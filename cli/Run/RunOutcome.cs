using VrrpLab.Sim.Running;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli.Run;

/// <summary>Everything one <c>vrrplab run</c> produced, for the text, JSON and JUnit reports.</summary>
internal sealed class RunOutcome
{
    /// <summary>Scenarios that ran, in file order.</summary>
    public List<ScenarioResult> Results { get; } = [];

    /// <summary>Problems that made files invalid (and warnings), in file order.</summary>
    public List<ScenarioDiagnostic> Diagnostics { get; } = [];

    /// <summary>Scenarios whose simulation hit an internal error: (scenario, message).</summary>
    public List<(Scenario Scenario, string Message)> Crashed { get; } = [];

    /// <summary>True when any file was invalid.</summary>
    public bool AnyInvalid => Diagnostics.Any(d => d.IsError);

    /// <summary>Scenarios that passed.</summary>
    public int PassedCount => Results.Count(r => r.Passed);

    /// <summary>Scenarios that failed (including internal errors).</summary>
    public int FailedCount => Results.Count(r => !r.Passed) + Crashed.Count;

    /// <summary>The exit code: 2 for any invalid file, else 1 for any failure, else 0.</summary>
    public int ExitCode => AnyInvalid ? ExitCodes.Usage : FailedCount > 0 ? ExitCodes.Failed : ExitCodes.Ok;
}
