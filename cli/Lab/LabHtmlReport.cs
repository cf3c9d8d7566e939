using System.Collections.Immutable;
using System.Globalization;
using VrrpLab.Lab.Running;
using VrrpLab.Report.Building;
using VrrpLab.Report.Model;

namespace VrrpLab.Cli.Lab;

/// <summary>
/// <c>vrrplab lab --report</c>: one section per scenario with the simulator's prediction and each real
/// run of it drawn one above the other per node; the report labels each real takeover's difference to
/// the simulated one (docs/report.md).
/// </summary>
internal static class LabHtmlReport
{
    /// <summary>The report of <paramref name="runs"/> (in the order they were asked for).</summary>
    public static ReportDocument Build(IReadOnlyList<LabRun> runs, string commandLine)
    {
        var sections = ImmutableArray.CreateBuilder<ReportSection>();
        foreach (IGrouping<(string? Path, string Name), LabRun> g in runs.GroupBy(r => (r.Scenario.SourcePath, r.Scenario.Name)))
        {
            LabRun first = g.First();
            var drawn = new List<ReportRun>
            {
                new("simulated", first.Predicted.EndUs, first.Predicted.Log) { Checks = [.. first.PredictedVerdicts.Select(ScenarioReports.Check)] },
            };
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (LabRun run in g)
            {
                string label = "real: " + LabReport.Who(run);
                int n = seen[label] = seen.GetValueOrDefault(label) + 1;
                drawn.Add(new ReportRun(g.Count(r => LabReport.Who(r) == LabReport.Who(run)) > 1 ? $"{label} (run {n})" : label, run.History.EndUs, run.Log)
                {
                    Checks = [.. run.Verdicts.Select(ScenarioReports.Check)],
                });
            }

            string tolerance = (first.ToleranceUs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "ms";
            sections.Add(ScenarioReports.Section(first.Scenario, drawn, [("lab runs", string.Join(", ", g.Select(r => r.RunId))), ("tolerance", tolerance)]));
        }

        return new ReportDocument("vrrplab lab", sections.ToImmutable()) { Subtitle = commandLine };
    }
}
