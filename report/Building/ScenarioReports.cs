using System.Collections.Immutable;
using System.Globalization;
using VrrpLab.Engine.Configuration;
using VrrpLab.Report.Model;
using VrrpLab.Report.Timeline;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Running;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Report.Building;

/// <summary>
/// Builds report parts from the simulator's types: a scenario's nodes and timeline, a run's trace and
/// verdicts. <c>vrrplab run</c> uses <see cref="Document(string, IEnumerable{ScenarioResult}, string?)"/>;
/// <c>lab</c> puts a <see cref="Run(ScenarioResult, string)"/> and a real run side by side with
/// <c>Section(scenario, runs)</c>.
/// </summary>
public static class ScenarioReports
{
    /// <summary>A report with one section per scenario result, in the given order.</summary>
    public static ReportDocument Document(string title, IEnumerable<ScenarioResult> results, string? subtitle = null) =>
        new(title, [.. results.Select(r => Section(r))]) { Subtitle = subtitle };

    /// <summary>The section of one simulated scenario: one figure with the run labelled <paramref name="label"/>.</summary>
    public static ReportSection Section(ScenarioResult result, string label = "simulated") =>
        Section(result.Scenario, [Run(result, label)], [("seed", result.Seed.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>
    /// The section of <paramref name="scenario"/> with several runs of it drawn one above the other
    /// per node (e.g. <c>simulated</c> first, then <c>real: keepalived 2.2.7</c>); takeover
    /// differences of later runs are labelled against the first.
    /// </summary>
    public static ReportSection Section(Scenario scenario, IEnumerable<ReportRun> runs, IEnumerable<(string Key, string Value)>? facts = null)
    {
        var f = ImmutableArray.CreateBuilder<(string, string)>();
        if (scenario.SourcePath is { } path)
        {
            f.Add(("file", path));
        }

        f.AddRange(facts ?? []);
        f.Add(("duration", scenario.Duration.ToString()));
        f.Add(("nodes", scenario.Nodes.Length.ToString(CultureInfo.InvariantCulture)));
        return new ReportSection(scenario.Name, [Figure(scenario, runs)])
        {
            Description = scenario.Description,
            Facts = f.ToImmutable(),
        };
    }

    /// <summary>A figure of <paramref name="scenario"/>'s runs with its nodes' lane layout.</summary>
    /// <remarks>
    /// One run draws the <c>action</c> events of its trace; several runs (whose traces apply the same
    /// actions at slightly different moments) draw the scenario's timeline once.
    /// </remarks>
    public static ReportFigure Figure(Scenario scenario, IEnumerable<ReportRun> runs, bool compact = false)
    {
        ImmutableArray<ReportRun> list = [.. runs];
        return new ReportFigure(scenario.Name, list)
        {
            Nodes = Nodes(scenario),
            Compact = compact,
            Markers = list.Length > 1 ? Markers(scenario) : [],
        };
    }

    /// <summary>
    /// A small timeline for a list (<c>check</c>'s faults, <c>explore</c>'s shrunk counterexamples): the
    /// run drawn compactly under <paramref name="title"/>, judged by one check (its verdict and evidence,
    /// at <paramref name="atUs"/> if given).
    /// </summary>
    public static ReportFigure SmallTimeline(string title, bool passed, string evidence, SimulationResult run, long? atUs = null) =>
        new(title, [new ReportRun("simulated", run.EndUs, run.Log) { Checks = [new ReportCheck(title, passed, evidence) { AtUs = atUs }] }])
        {
            Caption = evidence,
            Compact = true,
            Nodes = Nodes(run.Scenario),
        };

    /// <summary>A small timeline of a scenario's run with all its verdicts (a shrunk counterexample, say).</summary>
    public static ReportFigure SmallTimeline(ScenarioResult result, string? title = null) =>
        Figure(result.Scenario, [Run(result)], compact: true) with
        {
            Title = title ?? result.Scenario.Name,
            Caption = string.Join("; ", result.Verdicts.Where(v => !v.Passed).Select(v => v.Description + ": " + v.Evidence)) is { Length: > 0 } failed ? failed : null,
        };

    /// <summary>A simulated run: its trace, its end and its verdicts.</summary>
    public static ReportRun Run(ScenarioResult result, string label = "simulated") =>
        new(label, result.Simulation.EndUs, result.Simulation.Log) { Checks = [.. result.Verdicts.Select(Check)] };

    /// <summary>A verdict as a check: its evidence and the instant or interval it is about.</summary>
    public static ReportCheck Check(Verdict v) => new(v.Description, v.Passed, v.Evidence)
    {
        AtUs = v.FocusUs,
        UntilUs = v.FocusEndUs,
        Location = v.Expectation.Location?.ToString(),
    };

    /// <summary>The lane layout of <paramref name="scenario"/>: nodes in file order, each with its instances and VIPs.</summary>
    public static ImmutableArray<ReportNode> Nodes(Scenario scenario) =>
        [.. scenario.Nodes.Select(n => new ReportNode(n.Name, [.. n.Config.Instances.Select(Instance)]))];

    /// <summary>The scenario's timeline as markers (for runs whose trace has no <c>action</c> events).</summary>
    public static ImmutableArray<ReportMarker> Markers(Scenario scenario)
    {
        var markers = ImmutableArray.CreateBuilder<ReportMarker>();
        if (scenario.Autostart)
        {
            markers.Add(new ReportMarker(0, RunLanes.MarkerLabel("start", string.Join(",", scenario.Nodes.Select(n => n.Name)))));
        }

        markers.AddRange(scenario.Timeline.Select(e => new ReportMarker(e.At.Microseconds, RunLanes.MarkerLabel(e.Action.Keyword, e.Action.Describe()))));
        return markers.ToImmutable();
    }

    private static ReportInstance Instance(VrrpInstanceConfig i) =>
        new(i.Name, i.VirtualRouterId, i.Interface, [.. i.VirtualAddresses.Select(a => a.Address.ToString())]);
}
