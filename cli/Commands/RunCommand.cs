using System.CommandLine;
using VrrpLab.Cli.Run;
using VrrpLab.Config;
using VrrpLab.Report.Building;
using VrrpLab.Sim.Running;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab run PATH... [--seed N] [--trace DIR] [--junit FILE] [--format text|json]</c>: runs
/// scenario files in the deterministic simulator and reports each expectation with its evidence.
/// Exit 0 all pass, 1 any expectation failed, 2 any invalid file or bad option.
/// </summary>
public sealed class RunCommand() : Verb(
    "run",
    "run scenario files in the deterministic simulator",
    usage: "usage: vrrplab run PATH... [--seed N] [--trace DIR] [--junit FILE] [--report FILE.html] [--format text|json]",
    about: """
        Runs scenario files (a directory means every *.yaml below it, sorted) in the deterministic
        simulator and prints, per scenario, PASS or FAIL and, per expectation, the verdict with its
        evidence. A failed scenario also shows a compact timeline, its seed and the command that
        replays it exactly.
        """,
    epilogue: """
        Exit codes: 0 all expectations hold, 1 an expectation failed, 2 an invalid file
        (reported as file:line:col: message) or a bad option.
        """)
{
    private Argument<string[]> _paths = null!;
    private Option<string> _seed = null!;
    private Option<string> _trace = null!;

    /// <inheritdoc/>
    protected override void Define()
    {
        _paths = Positionals("PATH");
        _seed = Value("--seed", "N", "override every scenario's seed (same file + same seed = same run)");
        _trace = Value("--trace", "DIR", "write DIR/NAME.jsonl (one event a line) and DIR/NAME.perfetto.json\n(open in https://ui.perfetto.dev or chrome://tracing)");
        JUnit("write JUnit XML, one test case per expectation");
        Report("FILE", "write one self-contained HTML file (no network needed) with a timeline\nper scenario: states, VIP holders, client outages, adverts, actions and\neach expectation's evidence; hover, zoom and pan in any browser");
        Format();
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stdout = parsed.Stdout;
        TextWriter stderr = parsed.Stderr;
        bool json = Json(parsed);
        ulong? seed = parsed.Seed(_seed);

        List<string> positionals = parsed.Positionals(_paths, "give at least one scenario file or directory");

        string? traceDir = parsed.Value(_trace);
        List<string> files = ScenarioFiles.Expand(positionals);

        var outcome = new RunOutcome();
        var scenarios = new List<Scenario>();
        var names = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file);
            outcome.Diagnostics.AddRange(loaded.Diagnostics);
            if (loaded.Scenario is not { } sc)
            {
                continue;
            }

            if (names.TryGetValue(sc.Name, out Scenario? first))
            {
                outcome.Diagnostics.Add(new ScenarioDiagnostic(
                    sc.NameLocation ?? new SourceLocation(file, 1, 1), DiagnosticSeverity.Error,
                    $"scenario name '{sc.Name}' is already used by {first.SourcePath} (names are unique in a run)"));
                continue;
            }

            names[sc.Name] = sc;
            scenarios.Add(sc);
        }

        foreach (ScenarioDiagnostic d in outcome.Diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }

        var options = new SimulationOptions
        {
            Seed = seed,
            // Scenarios are small: keep every event so a failure's timeline can show the drops near it.
            Recording = RecordingLevel.Full,
        };
        foreach (Scenario sc in scenarios)
        {
            ScenarioResult result;
            try
            {
                result = ScenarioRunner.Run(sc, options);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                outcome.Crashed.Add((sc, $"{e.GetType().Name}: {e.Message}"));
                continue;
            }

            outcome.Results.Add(result);
            if (traceDir is not null)
            {
                OptionFile.WriteInto("--trace", traceDir, () => OptionFile.WriteTrace(
                    Path.Combine(traceDir, OptionFile.SafeName(result.Scenario.Name)), result.Simulation.Trace, result.Simulation.History.Nodes, result.Simulation.EndUs));
            }
        }

        if (json)
        {
            JsonReport.Write(outcome, stdout);
        }
        else
        {
            TextReport.Write(outcome, stdout, parsed.Colour);
        }

        WriteJUnit(parsed, junit =>
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(junit));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            var settings = new System.Xml.XmlWriterSettings { Encoding = OptionFile.Utf8, Indent = true };
            using var writer = System.Xml.XmlWriter.Create(junit, settings);
            JUnitReport.Build(outcome).Save(writer);
        });

        string title = outcome.Results.Count == 1 ? "vrrplab run: " + outcome.Results[0].Scenario.Name : $"vrrplab run: {outcome.Results.Count} scenarios";
        WriteReport(parsed, commandLine => ScenarioReports.Document(title, outcome.Results, commandLine));
        return outcome.ExitCode;
    }
}
