using System.CommandLine;
using System.Collections.Immutable;
using VrrpLab.Cli.Explore;
using VrrpLab.Config.FileSystem;
using VrrpLab.Engine.Time;
using VrrpLab.Explore;
using VrrpLab.Explore.Faults;
using VrrpLab.Explore.Generation;
using VrrpLab.Explore.Running;
using VrrpLab.Sim.Checks.Properties;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab explore CONF...|SCENARIO [...]</c> and <c>vrrplab explore merge DIR...</c>: random
/// fault schedules against a cluster, properties checked, failures shrunk and written as scenario
/// files (docs/explore.md). Wiring only: the engine is VrrpLab.Explore.
/// </summary>
public sealed class ExploreCommand() : ExploreVerb(
    "explore",
    "random fault schedules against a cluster: properties checked, failures shrunk to scenario files",
    usage: "usage: vrrplab explore CONF...|SCENARIO [--runs N] [--seed S] [--duration T] [--faults LIST]\n"
        + "                       [--property LIST] [--shard I/N] [--out DIR] [--format text|json] [--junit FILE] [--threads N]\n"
        + "                       [--report FILE.html]\n"
        + "       " + ExploreMergeCommand.UsageLine,
    about: "Runs random fault schedules against a cluster in the simulator and checks properties in every\n"
        + "run. The cluster is one host per keepalived.conf (the topology 'vrrplab check' derives) or a\n"
        + "scenario file's network and nodes (its timeline and expectations are replaced). Each property\n"
        + "that fails is shrunk to its smallest failing schedule and written to DIR/PROPERTY.yaml, a\n"
        + "scenario that 'vrrplab run' replays failing with the same verdict. Run i uses a seed derived\n"
        + "from (S, i): the same command finds the same things on any machine, with any --threads.",
    epilogue: "A progress line is shown on a terminal only. Ctrl-C stops cleanly with a partial report.\n"
        + "Exit codes: 0 every property held, 1 a property failed, 2 bad input or usage, 130 interrupted.\n\n"
        + "Properties:\n" + string.Join('\n', ClusterProperty.All.Select(p => $"  {p.Name,-22} {p.Statement}")))
{
    private Argument<string[]> _inputs = null!;
    private Option<string> _runs = null!;
    private Option<string> _seed = null!;
    private Option<string> _duration = null!;
    private Option<string> _faults = null!;
    private Option<string> _property = null!;
    private Option<string> _shard = null!;
    private Option<string> _threads = null!;

    /// <summary>Where configuration files are read (tests substitute an in-memory one).</summary>
    internal IConfigFileSystem FileSystem { get; init; } = PhysicalConfigFileSystem.Instance;

    /// <summary>Cancelled by Ctrl-C (tests cancel it themselves).</summary>
    internal CancellationToken? Cancel { get; init; }

    /// <inheritdoc/>
    protected override IEnumerable<Verb> SubVerbs => [new ExploreMergeCommand()];

    /// <inheritdoc/>
    protected override void Define()
    {
        _inputs = Positionals("CONF");
        _runs = Value("--runs", "N", "runs in the whole exploration (default 1000)");
        _seed = Value("--seed", "S", "exploration seed (default 1)");
        _duration = Value("--duration", "T", "simulated length of each run (default 300s)");
        _faults = Value("--faults", "LIST", "fault kinds, comma-separated, or 'all' (default: all but flood): " + string.Join(",", FaultKinds.All.Select(FaultKinds.Name)) + "\n"
            + "flood is opt-in: it is another host's VRRP traffic, not a fault of the cluster,\n"
            + "and one datagram per advert interval silences any keepalived MASTER (its\n"
            + "nopreempt BACKUP then takes over); the summary lists the kinds not generated");
        _faults.CompletionSources.Add(["all", .. FaultKinds.All.Select(FaultKinds.Name)]);
        _property = Value("--property", "LIST", "properties, comma-separated (default all): " + string.Join(",", ClusterProperty.All.Select(p => p.Name)));
        _property.CompletionSources.Add(["all", .. ClusterProperty.All.Select(p => p.Name)]);
        _shard = Value("--shard", "I/N", "run only runs i with i mod N = I and write DIR/explore-shard-I-of-N.json;\n'vrrplab explore merge' combines the N files into the unsharded result");
        _threads = Value("--threads", "N", "worker threads (default: one per core; results do not depend on it)");
        DefineOutputs(
            "where results and counterexamples go (default explore-out)",
            "text (default) or json: the JSON result instead of the text summary",
            "one self-contained HTML file: each property, and the timeline of each shrunk\ncounterexample replayed (opens offline in any browser)");
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stderr = parsed.Stderr;
        List<string> inputs = parsed.Positionals(_inputs, "give keepalived.conf files (one per host) or one scenario file");

        long runs = parsed.Number(_runs, 1000, 1, long.MaxValue);
        ulong seed = parsed.Seed(_seed) ?? 1;
        Duration duration = parsed.Duration(_duration) ?? Duration.FromSeconds(300);
        if (duration < Duration.FromSeconds(10) || duration > Duration.FromSeconds(24 * 3600))
        {
            throw new UsageException($"option --duration must be from 10s to 24h (got '{parsed.Value(_duration)}')");
        }

        ImmutableArray<FaultKind> kinds = FaultKinds.Default;
        if (parsed.Value(_faults) == "all")
        {
            kinds = FaultKinds.All;
        }
        else if (parsed.Value(_faults) is { } fl)
        {
            kinds = [.. List(fl).Select(n => FaultKinds.Parse(n) ?? throw new UsageException(
                $"option --faults: unknown fault '{n}' (known: {string.Join(", ", FaultKinds.All.Select(FaultKinds.Name))})"))];
        }

        ImmutableArray<ClusterProperty> properties = ClusterProperty.All;
        if (parsed.Value(_property) is { } pl && pl != "all")
        {
            var chosen = List(pl).Select(n => ClusterProperty.Find(n) ?? throw new UsageException(
                $"option --property: unknown property '{n}' (known: {string.Join(", ", ClusterProperty.All.Select(p => p.Name))})")).ToHashSet();
            properties = [.. ClusterProperty.All.Where(chosen.Contains)];
        }

        ShardSpec shard = ShardSpec.Whole;
        if (parsed.Value(_shard) is { } sh && !ShardSpec.TryParse(sh, out shard, out string? shardError))
        {
            throw new UsageException("option --shard: " + shardError);
        }

        long threads = parsed.Number(_threads, Environment.ProcessorCount, 1, 1024);

        string outDir = OutDir(parsed, () => "explore-out");
        ExploreCluster? cluster = LoadCluster(inputs, stderr);
        if (cluster is null)
        {
            return ExitCodes.Usage;
        }

        var options = new ExploreOptions
        {
            Runs = runs,
            Seed = seed,
            Settings = new ExploreSettings(duration.Microseconds, kinds),
            Properties = properties,
            Shard = shard,
            Threads = (int)threads,
        };

        ExploreResult result = CtrlC.Run(cancel =>
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
        }, Cancel);

        return Finish(parsed, result, outDir, whole: shard.Count == 1, merged: false);
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

    private static string[] List(string s) =>
        s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
