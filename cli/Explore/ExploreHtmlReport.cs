using System.Collections.Immutable;
using System.Globalization;
using VrrpLab.Explore.Running;
using VrrpLab.Report.Building;
using VrrpLab.Report.Model;
using VrrpLab.Sim.Running;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli.Explore;

/// <summary>
/// <c>vrrplab explore --report</c>: one section per property; a property that failed shows its shrunk
/// counterexample, replayed in the simulator from the scenario file explore wrote, as a timeline.
/// </summary>
internal static class ExploreHtmlReport
{
    /// <summary>The HTML report of one exploration whose counterexamples were written to <paramref name="outDir"/>.</summary>
    public static ReportDocument Build(ExploreResult r, string outDir, string commandLine)
    {
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var sections = ImmutableArray.CreateBuilder<ReportSection>();
        foreach (PropertyOutcome o in r.Outcomes)
        {
            if (o.Held)
            {
                sections.Add(new ReportSection(o.Property, []) { Description = $"held in all {N(r.Completed)} runs" });
                continue;
            }

            string summary = $"failed in {N(o.FailedRuns)} of {N(r.Completed)} runs";
            if (o.Counterexample is not { } c)
            {
                sections.Add(new ReportSection(o.Property, []) { Notes = [new ReportNote(summary + " (no counterexample in this shard's result)", true)] });
                continue;
            }

            string path = Path.Combine(outDir, c.FileName);
            ScenarioLoadResult load = ScenarioLoader.LoadText(c.Yaml, path, outDir);
            if (load.Scenario is not { } scenario)
            {
                sections.Add(new ReportSection(o.Property, []) { Notes = [.. load.Diagnostics.Select(d => new ReportNote(d.ToString(), true))] });
                continue;
            }

            ScenarioResult replay = ScenarioRunner.Run(scenario);
            ReportSection section = ScenarioReports.Section(replay);
            sections.Add(section with
            {
                Title = o.Property,
                Description = $"{summary}; the counterexample of run {N(c.Run)}, shrunk from {c.OriginalActions} to {c.Actions} action(s) in {c.ShrinkRuns} run(s): {c.Evidence}",
                Facts = [("counterexample", path), ("replay", $"vrrplab run {path}"), .. section.Facts.Where(f => f.Key != "file")],
            });
        }

        return new ReportDocument("vrrplab explore", sections.ToImmutable()) { Subtitle = commandLine };
    }
}
