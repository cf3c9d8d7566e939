using System.Collections.Immutable;

namespace VrrpLab.Report.Model;

/// <summary>
/// One timeline picture on a shared time axis. With several runs (e.g. <c>simulated</c> and
/// <c>real: keepalived 2.2.7</c>) each node's lanes of every run are drawn one above the other and
/// each later run's MASTER entries are labelled with their difference to the first run's.
/// </summary>
/// <param name="Title">The figure's title (a fault, a counterexample; the scenario's name for a single figure).</param>
/// <param name="Runs">At least one run.</param>
public sealed record ReportFigure(string Title, ImmutableArray<ReportRun> Runs)
{
    /// <summary>A sentence under the title (e.g. a fault's evidence).</summary>
    public string? Caption { get; init; }

    /// <summary>Small: thinner lanes, no advertisement ticks; for lists of timelines.</summary>
    public bool Compact { get; init; }

    /// <summary>
    /// Node and instance layout (lane order, VIPs); nodes and instances seen only in the events are
    /// added after these in order of appearance. Empty: everything in order of appearance.
    /// </summary>
    public ImmutableArray<ReportNode> Nodes { get; init; } = [];

    /// <summary>
    /// Vertical markers (timeline actions). Empty: the <c>action</c> events of the runs' traces.
    /// </summary>
    public ImmutableArray<ReportMarker> Markers { get; init; } = [];

    /// <summary>True when every check of every run passed.</summary>
    public bool Passed => Runs.All(r => r.Checks.All(c => c.Passed));
}
