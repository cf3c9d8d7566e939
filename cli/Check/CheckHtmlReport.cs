using System.Collections.Immutable;
using VrrpLab.Config;
using VrrpLab.Report.Building;
using VrrpLab.Report.Model;
using VrrpLab.Sim.Faults;

namespace VrrpLab.Cli.Check;

/// <summary><c>vrrplab check --report</c>: the lint findings, the startup, then one small timeline per simulated fault.</summary>
internal static class CheckHtmlReport
{
    /// <summary>The HTML report of one <c>check</c>.</summary>
    public static ReportDocument Build(CheckReport r, string commandLine)
    {
        var notes = ImmutableArray.CreateBuilder<ReportNote>();
        notes.AddRange(r.Findings.Select(f => new ReportNote($"{f} (consequence: {f.Consequence})", f.Severity == DiagnosticSeverity.Error)));
        var figures = ImmutableArray.CreateBuilder<ReportFigure>();
        if (r.Catalogue is { } c)
        {
            if (c.Startup is { } s)
            {
                string evidence = string.Join("; ", s.Vips.Select(CheckReportWriter.StartupLine));
                figures.Add(ScenarioReports.SmallTimeline("startup: every host starts keepalived at 0s", s.Passed, evidence, s.Run, s.AtUs));
            }

            foreach (FaultOutcome o in c.Faults)
            {
                string evidence = o.Line(c.Timing);
                evidence = evidence.StartsWith(o.Title + ": ", StringComparison.Ordinal) ? evidence[(o.Title.Length + 2)..] : evidence;
                string title = $"{o.Title} ({FaultOutcome.StatusWord(o.Status)})";
                figures.Add(ScenarioReports.SmallTimeline(title, o.Status != FaultStatus.Fail, evidence, o.Run, o.Faults.IsEmpty ? null : o.Faults[0].OnsetUs));
            }

            if (c.NotRun is { } why)
            {
                notes.Add(new ReportNote("faults " + why, false));
            }
        }

        var section = new ReportSection("check: " + string.Join(", ", r.Files.Select(Path.GetFileName)), figures.ToImmutable())
        {
            Description = "The lint findings of the cluster's keepalived.conf files, then its startup and each fault of the catalogue, simulated.",
            Facts = [.. r.Files.Select(f => ("file", f))],
            Notes = notes.ToImmutable(),
        };
        return new ReportDocument("vrrplab check", [section]) { Subtitle = commandLine };
    }
}
