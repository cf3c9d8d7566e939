using System.Collections.Immutable;
using VrrpLab.Config.Reading;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config;

/// <summary>
/// What <see cref="KeepalivedConfigReader"/> returns: the configuration keepalived would run
/// (null when there is any error), every diagnostic in file order, and source positions.
/// </summary>
/// <param name="Config">The configuration after keepalived's derivations; null when <see cref="HasErrors"/>.</param>
/// <param name="Diagnostics">Errors, warnings and notices.</param>
/// <param name="Source">Where each instance and script was written.</param>
public sealed record ConfigReadResult(RouterConfig? Config, ImmutableArray<ConfigDiagnostic> Diagnostics, ConfigSourceMap Source)
{
    /// <summary>True when any diagnostic is an error (keepalived refuses the file or drops an instance).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// True when keepalived would accept the file silently: no error and no warning. This is the
    /// verdict compared with <c>keepalived -t</c>'s exit status.
    /// </summary>
    public bool IsClean => !Diagnostics.Any(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning);
}
