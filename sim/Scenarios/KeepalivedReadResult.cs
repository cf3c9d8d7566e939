using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Sim.Scenarios;

/// <summary>What a <see cref="KeepalivedReader"/> made of a node's keepalived.conf.</summary>
/// <param name="Config">The configuration; null when it has errors.</param>
/// <param name="Diagnostics">Errors and warnings, located in the scenario file (inline text) or the conf file.</param>
public sealed record KeepalivedReadResult(RouterConfig? Config, ImmutableArray<ScenarioDiagnostic> Diagnostics);

/// <summary>
/// Turns keepalived.conf text into a <see cref="RouterConfig"/>. Reported lines are
/// <paramref name="lineOffset"/> + the line within <paramref name="text"/> (1-based), columns
/// <paramref name="columnOffset"/> + the column, so text embedded in a YAML block scalar is
/// reported at its place in the YAML file.
/// </summary>
/// <param name="text">The configuration text.</param>
/// <param name="displayName">File name used in diagnostics.</param>
/// <param name="baseDirectory">Directory that <c>include</c> globs are relative to.</param>
/// <param name="lineOffset">Added to every reported line.</param>
/// <param name="columnOffset">Added to every reported column.</param>
public delegate KeepalivedReadResult KeepalivedReader(string text, string displayName, string? baseDirectory, int lineOffset, int columnOffset);
