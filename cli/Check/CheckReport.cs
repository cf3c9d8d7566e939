using System.Collections.Immutable;
using VrrpLab.Config;
using VrrpLab.Config.Lint;
using VrrpLab.Sim.Faults;

namespace VrrpLab.Cli.Check;

/// <summary>Everything one <c>vrrplab check</c> found, for the text and the JSON writer alike.</summary>
/// <param name="Files">The files, one per host.</param>
/// <param name="InputErrors">Errors that stop the check (keepalived would refuse these lines).</param>
/// <param name="Findings">Lint findings.</param>
/// <param name="Catalogue">The fault simulation (null when the input had errors).</param>
/// <param name="Emitted">Scenario files written by <c>--emit</c>: case id (or <c>startup</c>) to path.</param>
/// <param name="ExitCode">The exit code.</param>
internal sealed record CheckReport(
    IReadOnlyList<string> Files,
    IReadOnlyList<ConfigDiagnostic> InputErrors,
    ImmutableArray<LintFinding> Findings,
    CatalogueResult? Catalogue,
    IReadOnlyDictionary<string, string> Emitted,
    int ExitCode);
