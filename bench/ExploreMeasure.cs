using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using VrrpLab.Explore;
using VrrpLab.Explore.Faults;
using VrrpLab.Explore.Generation;
using VrrpLab.Explore.Running;
using VrrpLab.Sim.Checks.Properties;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Bench;

/// <summary>
/// <c>explore [--runs N] [--threads T] [--warmup W] [--stage-runs M]</c>: issue 11's throughput target, measured in process on
/// the seed article's pair (sound configuration, built in code): two nodes, five-minute runs with
/// every fault kind. Prints runs/s with T threads, then the cost of each stage on one thread
/// (generation, simulation, property checks) as thread CPU time, so that other load on the machine
/// does not inflate them, simulator events per CPU-second and allocation per run. <c>--alloc</c>
/// prints instead the types allocated most (sampled GC allocation ticks) over one search.
/// </summary>
public static class ExploreMeasure
{
    /// <summary>Runs the mode (<c>explore</c>, <paramref name="args"/>[0]); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int runs = BenchArgs.Option(args, "--runs", 20_000);
        int threads = BenchArgs.Option(args, "--threads", Environment.ProcessorCount);
        ExploreCluster cluster = Pair();
        var options = new ExploreOptions { Runs = runs, Seed = 1, Threads = threads };

        if (args.Contains("--alloc"))
        {
            using var sampler = new AllocationSampler();
            Explorer.Run(cluster, options with { Runs = runs, Seed = 99 });
            long all = sampler.Top(1000).Sum(t => t.Bytes);
            foreach ((string type, long bytes) in sampler.Top(25))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes * 100.0 / all,5:0.0}%  {bytes / (double)runs / 1024:0.00} KiB/run  {type}"));
            }

            return 0;
        }

        // Warm-up (JIT, tiered compilation and its profile-guided rejit) on other seeds. 2,000 runs
        // were too few: the search measured after them still paid for background compilation and
        // not-yet-optimized code, ~135 us of CPU per run over 20,000 runs against ~80 us in the steady
        // state (measured on 100,000 runs). The shipped CLI is NativeAOT and has no warm-up.
        Explorer.Run(cluster, options with { Runs = BenchArgs.Option(args, "--warmup", 20_000), Seed = 99 });
        GC.Collect();
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        TimeSpan pauseBefore = GC.GetTotalPauseDuration();
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        ExploreResult r = Explorer.Run(cluster, options);
        sw.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"explore: {r.Completed} two-node five-minute runs on {threads} threads in {sw.Elapsed.TotalSeconds:0.00}s: {r.Completed / sw.Elapsed.TotalSeconds:#,0} runs/s " +
            $"({r.Coverage.Events / sw.Elapsed.TotalSeconds / 1e6:0.00} M simulator events/s in all, {r.Coverage.Events / (double)r.Completed:0} events per run); failures: {r.Outcomes.Count(o => !o.Held)}"));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU {cpu.TotalSeconds:0.00}s: {r.Completed / cpu.TotalSeconds:#,0} runs per CPU-second ({cpu.TotalMicroseconds / r.Completed:0} us of CPU per run); " +
            $"GCs gen0/1/2 {GC.CollectionCount(0) - gcBefore[0]}/{GC.CollectionCount(1) - gcBefore[1]}/{GC.CollectionCount(2) - gcBefore[2]}, paused {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:0} ms"));

        // Stages on one thread.
        var gen = new ScheduleGen(cluster, ExploreSettings.Default);
        var runner = new TrialRunner(cluster, ClusterProperty.All, ExploreSettings.Default.DurationUs);
        int N = BenchArgs.Option(args, "--stage-runs", 3000);
        var schedules = new Schedule[N];
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        double c0 = ThreadCpu.Microseconds();
        for (int i = 0; i < N; i++)
        {
            schedules[i] = gen.Generate(RunSeeds.For(1, i));
        }

        double genUs = (ThreadCpu.Microseconds() - c0) / N;
        long genAlloc = (GC.GetAllocatedBytesForCurrentThread() - a0) / N;
        var quiet = new SimulationOptions { Recording = RecordingLevel.None };
        var results = new (Scenario, SimulationResult)[N];
        a0 = GC.GetAllocatedBytesForCurrentThread();
        long events = 0;
        c0 = ThreadCpu.Microseconds();
        for (int i = 0; i < N; i++)
        {
            Scenario s = runner.ScenarioOf(schedules[i]);
            results[i] = (s, new Simulator(s, quiet).Run());
            events += results[i].Item2.EventsProcessed;
        }

        double simUs = (ThreadCpu.Microseconds() - c0) / N;
        double eventsPerSecond = events / (simUs * N / 1e6);
        long simAlloc = (GC.GetAllocatedBytesForCurrentThread() - a0) / N;
        a0 = GC.GetAllocatedBytesForCurrentThread();
        c0 = ThreadCpu.Microseconds();
        for (int i = 0; i < N; i++)
        {
            PropertyChecks.EvaluateAll(runner.Properties, results[i].Item1, results[i].Item2.History);
        }

        double checkUs = (ThreadCpu.Microseconds() - c0) / N;
        long checkAlloc = (GC.GetAllocatedBytesForCurrentThread() - a0) / N;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one thread, CPU time per run: generate {genUs:0.0} us ({genAlloc / 1024.0:0.0} KiB), simulate {simUs:0.0} us ({simAlloc / 1024.0:0.0} KiB, " +
            $"{events / (double)N:0} events, {eventsPerSecond / 1e6:0.00} M events/s per core), check six properties {checkUs:0.0} us ({checkAlloc / 1024.0:0.0} KiB)"));
        using var me = Process.GetCurrentProcess();
        me.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {me.PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB"));
        return 0;
    }

    /// <summary>The article's pair, sound (server1 nopreempt, state BACKUP), inline so no files are needed.</summary>
    internal static ExploreCluster Pair()
    {
        string one = SeedArticle.Conf("ens32", 100, nopreempt: true, advertInt: 5);
        string two = SeedArticle.Conf("ens32", 50, nopreempt: false, advertInt: 5);
        string yaml = "name: bench-pair\nduration: 300s\nnodes:\n"
            + "  server1:\n    interfaces: { ens32: { segment: lan, address: 192.168.179.103/24 } }\n    keepalived: |\n" + SeedArticle.YamlBlock(one)
            + "  server2:\n    interfaces: { ens32: { segment: lan, address: 192.168.179.104/24 } }\n    keepalived: |\n" + SeedArticle.YamlBlock(two);
        return ScenarioInput.LoadText(yaml, "bench-pair.yaml", ".", out ImmutableArray<ScenarioDiagnostic> d)
            ?? throw new InvalidOperationException(string.Join("\n", d));
    }
}
