using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VrrpLab.Explore;
using VrrpLab.Explore.Generation;
using VrrpLab.Explore.Running;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Bench;

/// <summary>
/// <c>trace-hashes [--runs N] [--scenarios DIR]</c>: a fingerprint of what the simulator produces, to
/// show that a speed change is byte-identical (run it on the code before and after, then compare):
/// the full JSONL trace of every shipped scenario and of <c>N</c> explore runs of the bench pair (full
/// recording), and of the same explore runs without a trace (events handled, adverts sent, drops by
/// reason, every property's verdict and evidence). Prints one line per part and a combined hash.
/// </summary>
public static class TraceHashes
{
    /// <summary>Runs the mode (<c>trace-hashes</c>, <paramref name="args"/>[0]); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int runs = BenchArgs.Option(args, "--runs", 2000);
        string dir = BenchArgs.Text(args, "--scenarios") ?? "scenarios";
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Directory.Exists(dir))
        {
            foreach (string file in Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                ScenarioLoadResult l = ScenarioLoader.LoadFile(file);
                if (!l.Succeeded)
                {
                    continue;
                }

                SimulationResult r = new Simulator(l.Scenario!, new SimulationOptions { Recording = RecordingLevel.Full }).Run();
                Part(all, Path.GetRelativePath(dir, file), TraceJsonl.ToText(r.Trace) + "\nevents " + r.EventsProcessed.ToString(CultureInfo.InvariantCulture));
            }
        }
        else
        {
            Console.Error.WriteLine($"bench: no scenario directory {dir} (--scenarios DIR); hashing explore runs only");
        }

        ExploreCluster cluster = ExploreMeasure.Pair();
        var gen = new ScheduleGen(cluster, ExploreSettings.Default with { Kinds = VrrpLab.Explore.Faults.FaultKinds.All });
        var runner = new TrialRunner(cluster, VrrpLab.Sim.Checks.Properties.ClusterProperty.All, ExploreSettings.Default.DurationUs);
        var full = new StringBuilder();
        var quiet = new StringBuilder();
        for (int i = 0; i < runs; i++)
        {
            var schedule = gen.Generate(RunSeeds.For(7, i));
            Scenario s = runner.ScenarioOf(schedule);
            SimulationResult r = new Simulator(s, new SimulationOptions { Recording = RecordingLevel.Full }).Run();
            full.Append(TraceJsonl.ToText(r.Trace)).Append("\nevents ").Append(r.EventsProcessed).Append('\n');
            Trial t = runner.Run(schedule);
            quiet.Append(CultureInfo.InvariantCulture, $"{i} events {t.Simulation.EventsProcessed} adverts {t.Simulation.AdvertsSent} drops {string.Join(",", t.Simulation.AdvertDropsByReason)}\n");
            foreach (Verdict v in t.Verdicts)
            {
                quiet.Append(CultureInfo.InvariantCulture, $"  {v.Description} {v.Passed} {v.FocusUs} {v.FocusEndUs} {v.Evidence}\n");
            }
        }

        Part(all, $"explore traces ({runs} runs, seed 7, every fault kind)", full.ToString());
        Part(all, $"explore verdicts ({runs} runs, no trace)", quiet.ToString());
        Console.WriteLine("all " + Convert.ToHexString(all.GetHashAndReset()));
        return 0;
    }

    private static void Part(IncrementalHash all, string name, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        all.AppendData(bytes);
        Console.WriteLine($"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}  {name}");
    }
}
