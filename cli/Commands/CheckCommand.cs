using System.Collections.Immutable;
using VrrpLab.Cli.Check;
using VrrpLab.Config;
using VrrpLab.Config.FileSystem;
using VrrpLab.Config.Lint;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab check CONF... [--format text|json]</c>: reads the keepalived.conf of every host of a
/// cluster and reports the mistakes that break failover, each with its location and consequence.
/// Exit 0: no errors (warnings allowed); 1: a lint error; 2: unreadable or invalid input.
/// </summary>
public sealed class CheckCommand : ICommand
{
    /// <summary>
    /// The fault-simulation half, provided by the simulator; null until it exists, and then
    /// <c>check</c> says that the simulation did not run.
    /// </summary>
    public static ICheckFaultSimulation? FaultSimulation { get; set; } = new FaultCatalogue();

    /// <summary>Where files and check scripts are read (tests substitute an in-memory one).</summary>
    internal IConfigFileSystem FileSystem { get; init; } = PhysicalConfigFileSystem.Instance;

    /// <inheritdoc/>
    public string Name => "check";

    /// <inheritdoc/>
    public string Summary => "lint keepalived.conf files of a cluster and simulate faults against them";

    /// <inheritdoc/>
    public string Help =>
        "usage: vrrplab check CONF... [--format text|json] [--report FILE.html]\n\n"
        + "Reads one keepalived.conf per host of a cluster (keepalived 2.2.7 semantics) and reports the\n"
        + "mistakes that break failover, each as file:line:col, rule id, message and consequence.\n"
        + "Then it simulates the cluster on one LAN and runs a fault catalogue (startup, master crash,\n"
        + "graceful stop, master recovers, health-check failure, packet loss burst, partition): each\n"
        + "'fault ok|FAIL' line says who ends MASTER, how the VIP moved and the longest client outage.\n\n"
        + "  --format text|json   text for people (default) or one JSON document\n"
        + "  --report FILE.html   also write one self-contained HTML file: the findings and a small\n"
        + "                       timeline of each simulated fault (opens offline in any browser)\n\n"
        + "Exit codes: 0 no errors (warnings allowed), 1 a failover-breaking mistake or a failed fault,\n"
        + "2 unreadable or invalid input (file:line:col).\n\nRules:\n"
        + string.Join('\n', LintRules.All.Select(r => $"  {r.Id}  {r.Title}"));

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var reader = new ArgReader(args, ["--format", ReportOption.Name]);
        string format = reader.Choice("--format", "text", "text", "json");
        if (reader.Positionals.Count == 0)
        {
            throw new UsageException("needs at least one keepalived.conf (one per host)");
        }

        List<string> files = reader.Positionals;
        var results = files.Select(f => KeepalivedConfigReader.Read(f, FileSystem)).ToList();
        var inputErrors = results.SelectMany(r => r.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (inputErrors.Count > 0)
        {
            if (format == "json")
            {
                CheckReportWriter.WriteJson(stdout, files, inputErrors, [], null, ExitCodes.Usage);
            }
            else
            {
                CheckReportWriter.WriteInputErrorsText(stderr, inputErrors);
                stderr.WriteLine($"vrrplab check: {inputErrors.Count} error(s) in the input; fix them first (keepalived would refuse these lines)");
            }

            return ExitCodes.Usage;
        }

        ImmutableArray<LintFinding> findings = ClusterLinter.Lint(results, FileSystem);
        ImmutableArray<FaultVerdict>? faults = FaultSimulation?.Run(
            results.Select((r, i) => (files[i], r.Config!)).ToList());
        bool failed = findings.Any(f => f.Severity == DiagnosticSeverity.Error)
            || (faults is { } v && v.Any(x => !x.Passed));
        int exit = failed ? ExitCodes.Failed : ExitCodes.Ok;
        if (reader.Value(ReportOption.Name) is { } report)
        {
            ReportOption.Write(CheckReport.Build(files, findings, faults, ReportOption.CommandLine(Name, args)), report);
        }

        if (format == "json")
        {
            CheckReportWriter.WriteJson(stdout, files, [], findings, faults, exit);
        }
        else
        {
            CheckReportWriter.WriteText(stdout, files, findings, faults);
        }

        return exit;
    }
}
