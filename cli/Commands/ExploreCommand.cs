using System.Collections.Immutable;
using System.Globalization;
using VrrpLab.Cli.Explore;
using VrrpLab.Config.FileSystem;
using VrrpLab.Engine.Time;
using VrrpLab.Explore;
using VrrpLab.Explore.Faults;
using VrrpLab.Explore.Generation;
using VrrpLab.Explore.Reporting;
using VrrpLab.Explore.Running;
using VrrpLab.Sim.Checks.Properties;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab explore CONF...|SCENARIO [...]</c> and <c>vrrplab explore merge DIR...</c>: random
/// fault schedules against a cluster, properties checked, failures shrunk and written as scenario
/// files (docs/explore.md). Wiring only: the engine is VrrpLab.Explore.
/// </summary>
public sealed class ExploreCommand : ICommand
{
    /// <summary>Where configuration files are read (tests substitute an in-memory one).</summary>
    internal IConfigFileSystem FileSystem { get; init; } = PhysicalConfigFileSystem.Instance;

    /// <summary>Cancelled by Ctrl-C (tests cancel it themselves).</summary>
    internal CancellationToken? Cancel { get; init; }

    /// <inheritdoc/>
    public string Name => "explore";

    /// <inheritdoc/>
    public string Summary => "random fault schedules against a cluster: properties checked, failures shrunk to scenario files";

    /// <inheritdoc/>
    public string Help =>
        "usage: vrrplab explore CONF...|SCENARIO [--runs N] [--seed S] [--duration T] [--faults LIST]\n"
        + "                       [--property LIST] [--shard I/N] [--out DIR] [--format text|json] [--junit FILE] [--threads N]\n"
        + "                       [--report FILE.html]\n"
        + "       vrrplab explore merge DIR|FILE... [--out DIR] [--format text|json] [--junit FILE] [--report FILE.html]\n\n"
        + "Runs random fault schedules against a cluster in the simulator and checks properties in every\n"
        + "run. The cluster is one host per keepalived.conf (the topology 'vrrplab check' derives) or a\n"
        + "scenario file's network and nodes (its timeline and expectations are replaced). Each property\n"
        + "that fails is shrunk to its smallest failing schedule and written to DIR/PROPERTY.yaml, a\n"
        + "scenario that 'vrrplab run' replays failing with the same verdict. Run i uses a seed derived\n"
        + "from (S, i): the same command finds the same things on any machine, with any --threads.\n\n"
        + "  --runs N        runs in the whole exploration (default 1000)\n"
        + "  --seed S        exploration seed (default 1)\n"
        + "  --duration T    simulated length of each run (default 300s)\n"
        + "  --faults LIST   fault kinds, comma-separated, or 'all' (default: all but flood): " + string.Join(",", FaultKinds.All.Select(FaultKinds.Name)) + "\n"
        + "                  flood is opt-in: it is another host's VRRP traffic, not a fault of the cluster,\n"
        + "                  and one datagram per advert interval silences any keepalived MASTER (its\n"
        + "                  nopreempt BACKUP then takes over); the summary lists the kinds not generated\n"
        + "  --property LIST properties, comma-separated (default all): " + string.Join(",", ClusterProperty.All.Select(p => p.Name)) + "\n"
        + "  --shard I/N     run only runs i with i mod N = I and write DIR/explore-shard-I-of-N.json;\n"
        + "                  'vrrplab explore merge' combines the N files into the unsharded result\n"
        + "  --out DIR       where results and counterexamples go (default explore-out)\n"
        + "  --format json   print the JSON result instead of the text summary\n"
        + "  --junit FILE    JUnit XML, one test case per property\n"
        + "  --threads N     worker threads (default: one per core; results do not depend on it)\n"
        + "  --report FILE   one self-contained HTML file: each property, and the timeline of each shrunk\n"
        + "                  counterexample replayed (opens offline in any browser)\n\n"
        + "A progress line is shown on a terminal only. Ctrl-C stops cleanly with a partial report.\n"
        + "Exit codes: 0 every property held, 1 a property failed, 2 bad input or usage, 130 interrupted.\n\n"
        + "Properties:\n" + string.Join('\n', ClusterProperty.All.Select(p => $"  {p.Name,-22} {p.Statement}"));

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && args[0] == "merge")
        {
            return Merge(args[1..], stdout, stderr);
        }

        var a = new ArgReader(args, ["--runs", "--seed", "--duration", "--faults", "--property", "--shard", "--out", "--format", "--junit", "--threads", ReportOption.Name]);
        string format = a.Choice("--format", "text", "text", "json");
        if (a.Positionals.Count == 0)
        {
            throw new UsageException("give keepalived.conf files (one per host) or one scenario file");
        }

        long runs = a.Number("--runs") ?? 1000;
        if (runs < 1)
        {
            throw new UsageException($"option --runs needs a whole number of at least 1 (got '{a.Value("--runs")}')");
        }

        ulong seed = 1;
        if (a.Value("--seed") is { } seedText && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            throw new UsageException($"option --seed needs a whole number from 0 to {ulong.MaxValue} (got '{seedText}')");
        }

        long durationUs = 300_000_000;
        if (a.Value("--duration") is { } d)
        {
            if (!Units.TryParseDuration(d, out Duration dur, out string? err))
            {
                throw new UsageException($"option --duration: {err}");
            }

            if (dur < Duration.FromSeconds(10) || dur > Duration.FromSeconds(24 * 3600))
            {
                throw new UsageException($"option --duration must be from 10s to 24h (got '{d}')");
            }

            durationUs = dur.Microseconds;
        }

        ImmutableArray<FaultKind> kinds = FaultKinds.Default;
        if (a.Value("--faults") == "all")
        {
            kinds = FaultKinds.All;
        }
        else if (a.Value("--faults") is { } fl)
        {
            kinds = [.. List(fl).Select(n => FaultKinds.Parse(n) ?? throw new UsageException(
                $"option --faults: unknown fault '{n}' (known: {string.Join(", ", FaultKinds.All.Select(FaultKinds.Name))})"))];
        }

        ImmutableArray<ClusterProperty> properties = ClusterProperty.All;
        if (a.Value("--property") is { } pl && pl != "all")
        {
            var chosen = List(pl).Select(n => ClusterProperty.Find(n) ?? throw new UsageException(
                $"option --property: unknown property '{n}' (known: {string.Join(", ", ClusterProperty.All.Select(p => p.Name))})")).ToHashSet();
            properties = [.. ClusterProperty.All.Where(chosen.Contains)];
        }

        ShardSpec shard = ShardSpec.Whole;
        if (a.Value("--shard") is { } sh && !ShardSpec.TryParse(sh, out shard, out string? shardError))
        {
            throw new UsageException("option --shard: " + shardError);
        }

        long threads = a.Number("--threads") ?? Environment.ProcessorCount;
        if (threads < 1 || threads > 1024)
        {
            throw new UsageException($"option --threads needs a whole number from 1 to 1024 (got '{a.Value("--threads")}')");
        }

        string outDir = a.Value("--out") ?? "explore-out";
        ExploreCluster? cluster = LoadCluster(a.Positionals, stderr);
        if (cluster is null)
        {
            return ExitCodes.Usage;
        }

        var options = new ExploreOptions
        {
            Runs = runs,
            Seed = seed,
            Settings = new ExploreSettings(durationUs, kinds),
            Properties = properties,
            Shard = shard,
            Threads = (int)threads,
        };

        ExploreResult result = WithCtrlC(cancel =>
        {
            bool tty = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            var line = tty ? new ProgressLine(stderr) : null;
            try
            {
                return Explorer.Run(cluster, options, line is null ? null : line.Show, cancel);
            }
            finally
            {
                line?.Clear();
            }
        });

        ExploreOutput.Write(result, outDir, counterexamples: shard.Count == 1);
        ExploreOutput.Report(result, format, shard.Count == 1 ? outDir : null, a.Value("--junit"), merged: false, stdout);
        if (a.Value(ReportOption.Name) is { } report)
        {
            ReportOption.Write(ExploreHtmlReport.Build(result, outDir, ReportOption.CommandLine(Name, args)), report);
        }

        return result.Interrupted ? 130 : result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private ExploreCluster? LoadCluster(List<string> inputs, TextWriter stderr)
    {
        foreach (string f in inputs)
        {
            if (!File.Exists(f))
            {
                stderr.WriteLine($"{f}:1:1: error: no such file");
                return null;
            }
        }

        bool scenario = inputs.Any(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));
        if (scenario)
        {
            if (inputs.Count != 1)
            {
                throw new UsageException("give one scenario file, or keepalived.conf files (not both)");
            }

            ExploreCluster? c = ScenarioInput.Load(inputs[0], out ImmutableArray<ScenarioDiagnostic> diagnostics);
            foreach (ScenarioDiagnostic d in diagnostics.Where(x => x.IsError))
            {
                stderr.WriteLine(d.ToString());
            }

            return c;
        }

        ExploreCluster? cluster = ConfigClusterInput.Load(inputs, FileSystem, out IReadOnlyList<string> errors);
        foreach (string e in errors)
        {
            stderr.WriteLine(e);
        }

        return cluster;
    }

    private int Merge(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new ArgReader(args, ["--out", "--format", "--junit", ReportOption.Name]);
        string format = a.Choice("--format", "text", "text", "json");
        if (a.Positionals.Count == 0)
        {
            throw new UsageException("merge needs the shards' result folders or files");
        }

        var files = new List<string>();
        foreach (string p in a.Positionals)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.GetFiles(p, "explore-shard-*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                stderr.WriteLine($"{p}:1:1: error: no such file or folder");
                return ExitCodes.Usage;
            }
        }

        if (files.Count == 0)
        {
            stderr.WriteLine($"vrrplab explore merge: no explore-shard-*.json in {string.Join(", ", a.Positionals)}");
            return ExitCodes.Usage;
        }

        var shards = new List<ExploreResult>();
        foreach (string f in files)
        {
            ExploreResult? r = ResultJson.Read(File.ReadAllText(f), out string? error);
            if (r is null)
            {
                stderr.WriteLine($"{f}:1:1: error: {error}");
                return ExitCodes.Usage;
            }

            shards.Add(r);
        }

        ExploreResult merged;
        try
        {
            merged = ExploreResult.Merge(shards);
        }
        catch (MergeException e)
        {
            stderr.WriteLine("vrrplab explore merge: " + e.Message);
            return ExitCodes.Usage;
        }

        string outDir = a.Value("--out") ?? (Directory.Exists(a.Positionals[0]) ? a.Positionals[0] : Path.GetDirectoryName(a.Positionals[0]) ?? ".");
        ExploreOutput.Write(merged, outDir, counterexamples: true);
        ExploreOutput.Report(merged, format, outDir, a.Value("--junit"), merged: true, stdout);
        if (a.Value(ReportOption.Name) is { } report)
        {
            ReportOption.Write(ExploreHtmlReport.Build(merged, outDir, ReportOption.CommandLine(Name, ["merge", .. args])), report);
        }

        return merged.Interrupted ? 130 : merged.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private T WithCtrlC<T>(Func<CancellationToken, T> body)
    {
        if (Cancel is { } given)
        {
            return body(given);
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += handler;
        try
        {
            return body(cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }

    private static string[] List(string s) =>
        s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
