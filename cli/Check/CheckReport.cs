using System.Collections.Immutable;
using VrrpLab.Config;
using VrrpLab.Config.Lint;
using VrrpLab.Report.Building;
using VrrpLab.Report.Model;

namespace VrrpLab.Cli.Check;

/// <summary><c>vrrplab check --report</c>: the lint findings, then one small timeline per simulated fault.</summary>
internal static class CheckReport
{
    /// <summary>The report of one <c>check</c>.</summary>
    public static ReportDocument Build(IReadOnlyList<string> files, ImmutableArray<LintFinding> findings, ImmutableArray<FaultVerdict>? faults, string commandLine)
    {
        var notes = ImmutableArray.CreateBuilder<ReportNote>();
        notes.AddRange(findings.Select(f => new ReportNote(f + " (consequence: " + f.Consequence + ")", f.Severity == DiagnosticSeverity.Error)));
        var figures = ImmutableArray.CreateBuilder<ReportFigure>();
        foreach (FaultVerdict v in faults ?? [])
        {
            if (v.Run is { } run)
            {
                figures.Add(ScenarioReports.SmallTimeline(v.Fault, v.Passed, v.Evidence, run, v.FaultAtUs));
            }
            else
            {
                notes.Add(new ReportNote($"fault {(v.Passed ? "ok" : "FAIL")} {v.Fault}: {v.Evidence}", !v.Passed));
            }
        }

        if (faults is null)
        {
            notes.Add(new ReportNote(CheckReportWriter.SimulationMissing, false));
        }

        var section = new ReportSection("check: " + string.Join(", ", files.Select(Path.GetFileName)), figures.ToImmutable())
        {
            Description = "Lint findings of the cluster's keepalived.conf files, then each fault of the catalogue simulated against them.",
            Facts = [.. files.Select(f => ("file", f))],
            Notes = notes.ToImmutable(),
        };
        return new ReportDocument("vrrplab check", [section]) { Subtitle = commandLine };
    }
}
