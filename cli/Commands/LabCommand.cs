// Over 400 lines: the verb's help text, option parsing, the repeat/tolerance loop and its three outputs (text, JSON, JUnit/trace files) in one place, as the other verbs do.

using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using VrrpLab.Cli.Run;
using VrrpLab.Engine.Time;
using VrrpLab.Lab;
using VrrpLab.Lab.Host;
using VrrpLab.Lab.Running;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab lab PATH... [--impl keepalived|vrrplab|NODE=IMPL,...] [--repeat N] [--tolerance D]
/// [--trace DIR] [--junit FILE] [--format text|json] [--keep]</c>: runs scenario files on real daemons in
/// network namespaces, judges the same expectations and prints the sim-vs-real diff.
/// </summary>
public sealed class LabCommand() : Verb(
    "lab",
    "run scenario files on real daemons in network namespaces (root), beside the simulator",
    usage: """
        usage: sudo vrrplab lab PATH... [--impl keepalived|vrrplab|NODE=IMPL,...] [--repeat N]
                                        [--tolerance D] [--trace DIR] [--junit FILE]
                                        [--format text|json] [--keep] [--report FILE.html]
        """,
    about: """
        Runs scenario files (a directory means every *.yaml below it), unchanged, on real daemons: one
        namespace per node with its interfaces named and addressed as in the file, a bridge per segment,
        a client per segment pinging every VIP every 10 ms and recording its neighbour entry. Every
        timeline action is done for real at its time (its lateness is reported); state changes come from
        the daemons' log lines and the first advert on the wire, VIPs from address events. The same
        expectations are judged on what really happened, beside what the simulator predicts for the
        same file and seed, and the diff shows per node both sequences of states and per takeover both
        delays from its cause. A scenario takes its duration in real time.
        """,
    epilogue: """
        --impl may be given more than once: each scenario runs once per value.
        Needs root, iproute2, tcpdump, iputils-ping and, for keepalived nodes, keepalived. Actions the lab
        cannot do for real (clock drift; random loss, latency and jitter without tc netem; partitions into
        groups of several nodes) make the file "not runnable in the lab" with the reason.
        Exit codes: 0 every expectation holds and every sequence of states matches the simulator's;
        1 otherwise; 2 bad input, a file not runnable in the lab, no root or a missing tool.
        """)
{
    private Argument<string[]> _paths = null!;
    private Option<string[]> _impl = null!;
    private Option<string> _repeat = null!;
    private Option<string> _tolerance = null!;
    private Option<string> _trace = null!;
    private Option<bool> _keep = null!;
    private Option<string> _jobs = null!;
    private Option<string> _table = null!;

    /// <inheritdoc/>
    protected override void Define()
    {
        _paths = Positionals("PATH");
        _impl = Repeatable("--impl", "X", "keepalived (Debian's 2.2.7, the default) or vrrplab (vrrplab daemon) on every\nnode, or per node: node1=vrrplab,node2=keepalived (others: keepalived)");
        _impl.CompletionSources.Add("keepalived", "vrrplab");
        _repeat = Value("--repeat", "N", "run each scenario N times (default 1)");
        _tolerance = Value("--tolerance", "D", "how far a real timing may be off and still pass (default 50ms)");
        _trace = Value("--trace", "DIR", "write DIR/NAME.jsonl and NAME.perfetto.json of what really happened (the same\nschema as vrrplab run --trace), NAME.sim.jsonl (the simulator replayed with the\nmeasured start-ups) and NAME.NODE.log (each daemon's output)");
        JUnit("write JUnit XML, one test case per expectation plus the state sequences");
        Report("FILE", "one self-contained HTML file: per scenario the simulated and the real lanes of\neach node one above the other, takeover differences labelled");
        Format();
        _keep = Flag("--keep", "keep the namespaces and files of each run (their names are printed)");
        _jobs = Value("--jobs", "N", "run N scenarios at once (default 1; each has its own namespaces)");
        _table = Value("--table", "FILE", "write a markdown table, scenario x implementation: agree or not, largest\ntakeover timing difference, what differs; FILE.notes (lines\n\"SCENARIO<TAB>IMPL<TAB>why\") adds the explanation of a disagreement");
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stdout = parsed.Stdout;
        TextWriter stderr = parsed.Stderr;
        bool json = Json(parsed);
        List<string> positionals = parsed.Positionals(_paths, "give at least one scenario file or directory");

        long repeat = parsed.Number(_repeat, 1, 1, 1000);
        long tolerance = parsed.Duration(_tolerance)?.Microseconds ?? LabOptions.DefaultToleranceUs;
        long jobs = parsed.Number(_jobs, 1, 1, 8);

        string? table = parsed.Value(_table);
        List<(NodeImplementation All, Dictionary<string, NodeImplementation> PerNode)> impls =
            parsed.Values(_impl).Count == 0 ? [ParseImpl(null)] : [.. parsed.Values(_impl).Select(ParseImpl)];
        var perNodeNames = impls.SelectMany(i => i.PerNode.Keys).Distinct().ToList();
        string? traceDir = parsed.Value(_trace);

        List<string> files = ScenarioFiles.Expand(positionals);
        var scenarios = new List<Scenario>();
        bool badInput = false;
        foreach (string file in files)
        {
            ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file);
            foreach (ScenarioDiagnostic d in loaded.Diagnostics)
            {
                stderr.WriteLine(d.ToString());
            }

            if (loaded.Scenario is { } sc)
            {
                foreach (string node in perNodeNames.Where(n => sc.FindNode(n) is null))
                {
                    stderr.WriteLine($"{file}: --impl names node '{node}', which this scenario does not have (nodes: {string.Join(", ", sc.Nodes.Select(n => n.Name))})");
                    badInput = true;
                }

                scenarios.Add(sc);
            }
            else
            {
                badInput = true;
            }
        }

        var notRunnable = new List<(string File, string Reason)>();
        var runnable = new List<Scenario>();
        foreach (Scenario sc in scenarios)
        {
            List<string> reasons = Runnability.Reasons(sc);
            reasons.AddRange(Runnability.MissingTools(sc));
            foreach (string r in reasons)
            {
                notRunnable.Add((sc.SourcePath ?? sc.Name, r));
                stderr.WriteLine($"{sc.SourcePath ?? sc.Name}: not runnable in the lab: {r}");
            }

            if (reasons.Count == 0)
            {
                runnable.Add(sc);
            }
        }

        if (badInput)
        {
            return ExitCodes.Usage;
        }

        bool anyKeepalived = impls.Any(im => runnable.Any(sc => sc.Nodes.Any(n => (im.PerNode.TryGetValue(n.Name, out NodeImplementation i) ? i : im.All) == NodeImplementation.Keepalived)));
        List<string> problems = LabEnvironment.Problems(anyKeepalived);
        if (problems.Count > 0 && runnable.Count > 0)
        {
            foreach (string p in problems)
            {
                stderr.WriteLine("vrrplab lab: " + p);
            }

            return ExitCodes.Usage;
        }

        using var cancel = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        using PosixSignalRegistration sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; cancel.Cancel(); });
        (IReadOnlyList<string> Command, string Description) self = SelfCommand();
        var baseOptions = new LabOptions
        {
            ToleranceUs = tolerance,
            Keep = parsed.Flag(_keep),
            VrrplabCommand = self.Command,
            VrrplabDescription = self.Description,
            Cancel = cancel.Token,
            Progress = line => { lock (stderr) { stderr.WriteLine("vrrplab lab: " + line); } },
        };
        var work = new List<(Scenario Scenario, LabOptions Options, int Repeat)>();
        foreach (Scenario sc in runnable)
        {
            foreach ((NodeImplementation all, Dictionary<string, NodeImplementation> perNode) in impls)
            {
                for (int k = 0; k < repeat; k++)
                {
                    work.Add((sc, baseOptions with { Implementation = all, NodeImplementations = perNode }, k));
                }
            }
        }

        var runs = new LabRun?[work.Count];
        string? failure = null;
        var gate = new object();
        int next = -1;
        void Worker()
        {
            while (true)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= work.Count || cancel.IsCancellationRequested || Volatile.Read(ref failure) is not null)
                {
                    return;
                }

                (Scenario sc, LabOptions options, int k) = work[i];
                LabRun run;
                try
                {
                    run = LabRunner.Run(sc, options);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (LabException e)
                {
                    Interlocked.CompareExchange(ref failure, $"{sc.SourcePath ?? sc.Name}: {e.Message}", null);
                    cancel.Cancel();
                    return;
                }

                runs[i] = run;
                lock (gate)
                {
                    if (!json)
                    {
                        LabReport.WriteText(run, stdout);
                        if (options.Keep)
                        {
                            stdout.WriteLine($"  kept: namespaces {run.RunId}-*, files in {Path.Combine(LabHygiene.WorkRoot, run.RunId)} (the next lab run removes them)");
                        }

                        stdout.WriteLine();
                        stdout.Flush();
                    }

                    if (traceDir is not null)
                    {
                        string suffix = (impls.Count > 1 ? "." + LabReport.Who(run).Replace(": ", "-", StringComparison.Ordinal).Replace(", ", "-", StringComparison.Ordinal).Replace("; ", ".", StringComparison.Ordinal) : "") + (repeat > 1 ? $".run{k + 1}" : "");
                        WriteTrace(traceDir, run, suffix);
                    }
                }
            }
        }

        Thread[] threads = [.. Enumerable.Range(0, (int)Math.Min(jobs, Math.Max(1, work.Count))).Select(_ => new Thread(Worker))];
        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        if (failure is not null)
        {
            stderr.WriteLine("vrrplab lab: " + failure);
            return ExitCodes.Usage;
        }

        if (cancel.IsCancellationRequested)
        {
            stderr.WriteLine("vrrplab lab: interrupted; every namespace and process of the run was removed");
            return ExitCodes.Usage;
        }

        List<LabRun> done = [.. runs.OfType<LabRun>()];
        if (table is not null)
        {
            OptionFile.WriteText("--table", table, LabCatalogue.Markdown(done, notRunnable, LabCatalogue.ReadNotes(table + ".notes")));
        }

        if (json)
        {
            stdout.Flush();
            using Stream o = Console.OpenStandardOutput();
            if (ReferenceEquals(stdout, Console.Out))
            {
                LabReport.WriteJson(done, notRunnable, o);
            }
            else
            {
                using var ms = new MemoryStream();
                LabReport.WriteJson(done, notRunnable, ms);
                stdout.Write(Encoding.UTF8.GetString(ms.ToArray()));
            }

            stdout.WriteLine();
        }

        WriteJUnit(parsed, junit => File.WriteAllText(junit, LabReport.JUnit(done, notRunnable), OptionFile.Utf8));
        WriteReport(parsed, commandLine => Lab.LabHtmlReport.Build(done, commandLine));

        if (notRunnable.Count > 0)
        {
            return ExitCodes.Usage;
        }

        return done.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Parses <c>--impl</c>: one implementation for every node, or NODE=IMPL pairs (others keepalived).</summary>
    internal static (NodeImplementation All, Dictionary<string, NodeImplementation> PerNode) ParseImpl(string? text)
    {
        var perNode = new Dictionary<string, NodeImplementation>(StringComparer.Ordinal);
        if (text is null)
        {
            return (NodeImplementation.Keepalived, perNode);
        }

        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return NodeImplementations.TryParse(text, out NodeImplementation one)
                ? (one, perNode)
                : throw new UsageException($"option --impl: '{text}' is not an implementation (keepalived, vrrplab) nor NODE=IMPL,...");
        }

        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || kv[0].Length == 0 || !NodeImplementations.TryParse(kv[1], out NodeImplementation impl))
            {
                throw new UsageException($"option --impl: '{part}' is not NODE=IMPL with IMPL keepalived or vrrplab");
            }

            if (!perNode.TryAdd(kv[0], impl))
            {
                throw new UsageException($"option --impl: node '{kv[0]}' is named twice");
            }
        }

        return (NodeImplementation.Keepalived, perNode);
    }

    /// <summary>
    /// The command that runs this vrrplab (for <c>vrrplab daemon</c> and <c>vrrplab flood</c> in the
    /// namespaces): <c>$VRRPLAB_DAEMON</c> if set (a native executable or a vrrplab.dll), else this
    /// process's own executable, or <c>dotnet vrrplab.dll</c> when it runs on the JIT.
    /// </summary>
    internal static (IReadOnlyList<string> Command, string Description) SelfCommand() =>
        VrrplabBinary.Resolve(Environment.GetEnvironmentVariable("VRRPLAB_DAEMON"), AppContext.BaseDirectory, Environment.ProcessPath);

    private static void WriteTrace(string dir, LabRun run, string suffix) =>
        OptionFile.WriteInto("--trace", dir, () =>
        {
            string stem = Path.Combine(dir, OptionFile.SafeName(run.Scenario.Name) + suffix);
            OptionFile.WriteTrace(stem, [.. run.Log.Select(e => e.ToTrace())], run.History.Nodes, run.Scenario.Duration.Microseconds);
            using (StreamWriter w = OptionFile.Create(stem + ".sim.jsonl"))
            {
                TraceJsonl.Write(run.Replay.Log, w);
            }

            foreach ((string node, IReadOnlyList<(long TimeUs, string Text)> lines) in run.DaemonLogs)
            {
                File.WriteAllLines(stem + "." + OptionFile.SafeName(node) + ".log", lines.Select(l => $"[{Duration.FormatSeconds(Math.Max(0, l.TimeUs))}{(l.TimeUs < 0 ? " before 0" : "")}] {l.Text}"), OptionFile.Utf8);
            }
        });
}
