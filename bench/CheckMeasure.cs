using System.Diagnostics;
using System.Globalization;
using VrrpLab.Config;
using VrrpLab.Config.FileSystem;
using VrrpLab.Config.Lint;
using VrrpLab.Sim.Clusters;
using VrrpLab.Sim.Faults;

namespace VrrpLab.Bench;

/// <summary>
/// <c>check-catalogue [--depth 1|2] [--rounds N] [CONF...]</c> (issue 10's target: the full catalogue with
/// <c>--depth 2</c> for a two-host pair in under 100 ms in process): what <c>vrrplab check</c> does after
/// start-up, in process and single-threaded: read the files, lint them, derive the cluster, run every
/// fault and every pair of faults. Default: the seed article's two files (scenarios/configs). Prints the
/// cases run, the fastest and the median of N rounds after one warm-up round, and the bytes allocated.
/// </summary>
public static class CheckMeasure
{
    /// <summary>Runs the mode (<c>check-catalogue</c>, <paramref name="args"/>[0]); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int depth = 2, rounds = 20;
        var files = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--depth" when i + 1 < args.Length && args[i + 1] is "1" or "2":
                    depth = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r > 0:
                    rounds = r;
                    i++;
                    break;
                default:
                    if (args[i].StartsWith('-') || !File.Exists(args[i]))
                    {
                        Console.Error.WriteLine($"bench check-catalogue: '{args[i]}' is not an option or a file");
                        return 2;
                    }

                    files.Add(args[i]);
                    break;
            }
        }

        if (files.Count == 0)
        {
            string configs = Path.Combine(RepoRoot(), "scenarios", "configs");
            files = [Path.Combine(configs, "real-server1.keepalived.conf"), Path.Combine(configs, "real-server2.keepalived.conf")];
        }

        CatalogueResult last = Once(files, depth);
        var ms = new List<double>();
        long allocated = 0;
        for (int i = 0; i < rounds; i++)
        {
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            last = Once(files, depth);
            ms.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
        }

        ms.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"check catalogue, depth {depth}, {files.Count} files ({string.Join(", ", files.Select(Path.GetFileName))}): {last.Faults.Length} cases "
            + $"({last.Faults.Count(f => f.Depth == 1)} single, {last.Faults.Count(f => f.Depth == 2)} pairs), "
            + $"{last.Faults.Sum(f => f.Run.EventsProcessed):N0} simulator events"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read + lint + derive + catalogue: fastest {ms[0]:0.0} ms, median {ms[ms.Count / 2]:0.0} ms over {rounds} rounds (after 1 warm-up); {allocated / 1048576.0:0.0} MiB allocated per round"));

        // Where the time goes: each case's simulation alone, by the kinds of its faults.
        var byKind = new SortedDictionary<string, (int Cases, double Ms)>(StringComparer.Ordinal);
        double simTotal = 0;
        foreach (FaultOutcome o in last.Faults)
        {
            long t0 = Stopwatch.GetTimestamp();
            _ = new VrrpLab.Sim.Simulation.Simulator(o.Scenario, new VrrpLab.Sim.Simulation.SimulationOptions { Recording = VrrpLab.Sim.Tracing.RecordingLevel.None }).Run();
            double t = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            simTotal += t;
            string key = o.Faults.Any(f => f.Fault.Kind == FaultKind.Flood) ? "with the flood" : "without";
            byKind[key] = (byKind.GetValueOrDefault(key).Cases + 1, byKind.GetValueOrDefault(key).Ms + t);
        }

        string parts = string.Join(", ", byKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Value.Cases} cases {k.Key}: {k.Value.Ms:0.0} ms")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"of which simulating the cases again alone: {simTotal:0.0} ms ({parts})"));
        return 0;
    }

    private static CatalogueResult Once(List<string> files, int depth)
    {
        var results = files.Select(f => KeepalivedConfigReader.Read(f, PhysicalConfigFileSystem.Instance)).ToList();
        _ = ClusterLinter.Lint(results, PhysicalConfigFileSystem.Instance);
        DerivedCluster cluster = ClusterDerivation.Derive([.. results.Select((r, i) => new ClusterHost(files[i], r.Config!))]);
        return FaultCatalogue.Run(cluster, new CatalogueOptions { Depth = depth, ScriptFiles = PhysicalConfigFileSystem.Instance });
    }

    private static string RepoRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "VrrpLab.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("repository root (VrrpLab.sln) not found above " + AppContext.BaseDirectory);
    }
}
