using System.CommandLine;
using System.Collections.Immutable;
using VrrpLab.Cli.Check;
using VrrpLab.Config;
using VrrpLab.Config.FileSystem;
using VrrpLab.Config.Lint;
using VrrpLab.Sim.Clusters;
using VrrpLab.Sim.Faults;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab check CONF... [--depth 1|2] [--emit DIR] [--format text|json]</c>: reads the
/// keepalived.conf of every host of a cluster, reports the mistakes that break failover (each with
/// its location and consequence), then simulates the cluster as the files describe it and runs the
/// fault catalogue (sim/Faults). Exit 0: no errors and no failed fault; 1: a lint error or a failed
/// fault; 2: unreadable or invalid input, or a bad option.
/// </summary>
public sealed class CheckCommand() : Verb(
    "check",
    "lint keepalived.conf files of a cluster and simulate every fault against them",
    usage: "usage: vrrplab check CONF... [--depth 1|2] [--emit DIR] [--report FILE.html] [--format text|json]",
    about: "Reads one keepalived.conf per host of a cluster (keepalived 2.2.7 semantics) and reports the\n"
        + "mistakes that break failover, each as file:line:col, rule id, message and consequence.\n"
        + "Then it simulates the cluster as the files describe it (addresses from unicast_src_ip, the\n"
        + "peers' unicast_peer lists or the VIPs' subnets; one segment per subnet, each with a client),\n"
        + "checks that every VIP starts with exactly one holder, and runs the fault catalogue against\n"
        + "every host: crash, graceful stop, SIGKILL (stale VIP), each tracked script failing, each\n"
        + "tracked interface down, pause, reboot behind a late link, partition; and, for every VRID on\n"
        + "every segment, garbage naming it at 200/s from an extra host. One line per fault:\n"
        + "  ok     every VIP had one holder during the fault and after it healed\n"
        + "  lost   a VIP had no holder because no host able to hold it was left\n"
        + "  split  two hosts held a VIP because they could not hear each other\n"
        + "  flap   a VIP moved back and forth while garbage named its VRID (keepalived's weakness;\n"
        + "         the line says what limits it)\n"
        + "  FAIL   a configuration problem made it worse (the reason follows)\n"
        + "with, per VIP, who took over and how fast, the clients' longest outage, the VIP moves and\n"
        + "the final holder.",
    epilogue: "Exit codes: 0 no errors and no failed fault (warnings, lost, split and flap allowed), 1 a\n"
        + "failover-breaking mistake or a failed fault, 2 unreadable or invalid input (file:line:col)\n"
        + "or a bad option.\n\nRules:\n"
        + string.Join('\n', LintRules.All.Select(r => $"  {r.Id}  {r.Title}")))
{
    private Argument<string[]> _files = null!;
    private Option<string> _depth = null!;
    private Option<string> _emit = null!;
    private Option<string> _scriptRoot = null!;

    /// <summary>Where files and check scripts are read (tests substitute an in-memory one).</summary>
    internal IConfigFileSystem FileSystem { get; init; } = PhysicalConfigFileSystem.Instance;

    /// <inheritdoc/>
    protected override void Define()
    {
        _files = Positionals("CONF");
        _depth = Choice("--depth", "1|2", "1: every single fault (default); 2: also every pair of faults", () => "1", "1", "2");
        _emit = Value("--emit", "DIR", "write one scenario file per fault to DIR (replay: vrrplab run DIR/X.yaml)");
        _scriptRoot = Value("--script-root", "DIR", "read check scripts under DIR (/data/x.sh is DIR/data/x.sh): to check\nconfigs copied from the servers together with their scripts");
        Report("FILE.html", "also write one self-contained HTML file: the findings, the startup and a\nsmall timeline of each fault (opens offline in any browser)");
        Format("text for people (default) or one JSON document (schema/check.schema.json)");
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stdout = parsed.Stdout;
        TextWriter stderr = parsed.Stderr;
        bool json = Json(parsed);
        int depth = parsed.Value(_depth) == "2" ? 2 : 1;
        string? emit = parsed.Value(_emit);
        string? report = ReportPath(parsed);
        List<string> files = parsed.Positionals(_files, "needs at least one keepalived.conf (one per host)");

        IConfigFileSystem scripts = parsed.Value(_scriptRoot) is { } root
            ? Directory.Exists(root) ? new RootedConfigFileSystem(FileSystem, root) : throw new UsageException($"option --script-root: '{root}' is not a directory")
            : FileSystem;

        var results = files.Select(f => KeepalivedConfigReader.Read(f, FileSystem)).ToList();
        var inputErrors = results.SelectMany(r => r.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (inputErrors.Count > 0)
        {
            if (json)
            {
                CheckReportWriter.WriteJson(stdout, new CheckReport(files, inputErrors, [], null, ImmutableDictionary<string, string>.Empty, ExitCodes.Usage));
            }
            else
            {
                CheckReportWriter.WriteInputErrorsText(stderr, inputErrors);
                stderr.WriteLine($"vrrplab check: {inputErrors.Count} error(s) in the input; fix them first (keepalived would refuse these lines)");
            }

            return ExitCodes.Usage;
        }

        ImmutableArray<LintFinding> findings = ClusterLinter.Lint(results, scripts);
        DerivedCluster cluster = ClusterDerivation.Derive([.. results.Select((r, i) => new ClusterHost(files[i], r.Config!))]);
        CatalogueResult catalogue = FaultCatalogue.Run(cluster, new CatalogueOptions
        {
            Depth = depth,
            ScriptFiles = scripts,
            // The report draws pauses and drops too; the text needs only the history.
            Recording = report is null ? RecordingLevel.None : RecordingLevel.Changes,
        });

        ImmutableDictionary<string, string> emitted = ImmutableDictionary<string, string>.Empty;
        if (emit is not null)
        {
            emitted = CheckEmitter.Write(emit, catalogue);
        }

        bool failed = findings.Any(f => f.Severity == DiagnosticSeverity.Error) || !catalogue.Passed;
        int exit = failed ? ExitCodes.Failed : ExitCodes.Ok;
        var result = new CheckReport(files, [], findings, catalogue, emitted, exit);
        if (json)
        {
            CheckReportWriter.WriteJson(stdout, result);
        }
        else
        {
            CheckReportWriter.WriteText(stdout, result);
        }

        WriteReport(parsed, commandLine => CheckHtmlReport.Build(result, commandLine));

        return exit;
    }
}
