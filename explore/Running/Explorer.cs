using System.Collections.Immutable;
using System.Diagnostics;
using VrrpLab.Explore.Faults;
using VrrpLab.Explore.Generation;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Checks.Properties;
using VrrpLab.Sim.Running;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Running;

/// <summary>
/// Runs an exploration (or one shard of it): run i generates the schedule of seed
/// <see cref="RunSeeds.For"/>(S, i), simulates it and checks every property. Worker threads claim
/// runs in chunks and keep their own counters; nothing but counters, coverage and each property's
/// lowest failing run is kept, so memory does not grow with the number of runs. Results do not
/// depend on the thread count: counts add up and "first failure" is the lowest run index. Each
/// property's first failure is then shrunk and written as a scenario file.
/// </summary>
public static class Explorer
{
    private const int Chunk = 64;

    /// <summary>Explores; <paramref name="cancel"/> stops early with a partial result (Ctrl-C).</summary>
    public static ExploreResult Run(ExploreCluster cluster, ExploreOptions options, Action<ExploreProgress>? progress = null, CancellationToken cancel = default)
    {
        var gen = new ScheduleGen(cluster, options.Settings);
        var runner = new TrialRunner(cluster, options.Properties, options.Settings.DurationUs);
        int props = options.Properties.Length;
        long total = options.Shard.RunsOf(options.Runs);
        long claimed = -Chunk;
        long done = 0;
        long failing = 0;
        var clock = Stopwatch.StartNew();
        int threads = Math.Max(1, options.Threads);
        var workers = new Worker[threads];
        for (int w = 0; w < threads; w++)
        {
            workers[w] = new Worker(props);
        }

        void Work(Worker me)
        {
            while (!cancel.IsCancellationRequested)
            {
                long start = Interlocked.Add(ref claimed, Chunk);
                if (start >= total)
                {
                    return;
                }

                long end = Math.Min(total, start + Chunk);
                for (long pos = start; pos < end; pos++)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        return;
                    }

                    long run = options.Shard.Index + (pos * options.Shard.Count);
                    if (me.RunOne(gen, runner, options.Seed, run))
                    {
                        Interlocked.Increment(ref failing);
                    }

                    Interlocked.Increment(ref done);
                }
            }
        }

        var threadList = new List<Thread>();
        for (int w = 0; w < threads; w++)
        {
            Worker me = workers[w];
            var t = new Thread(() => Work(me)) { IsBackground = true, Name = "explore-" + w };
            threadList.Add(t);
            t.Start();
        }

        // Join each worker in turn, reporting progress every 200 ms. (Testing IsAlive and then picking a
        // live thread raced with a worker finishing in between: "Sequence contains no matching element".)
        foreach (Thread t in threadList)
        {
            while (!t.Join(200))
            {
                progress?.Invoke(new ExploreProgress(Interlocked.Read(ref done), total, Interlocked.Read(ref failing), "search"));
            }
        }

        progress?.Invoke(new ExploreProgress(Interlocked.Read(ref done), total, Interlocked.Read(ref failing), "search"));

        // Combine the workers: sums, and each property's lowest failing run.
        var coverage = new Coverage();
        long errors = 0;
        (long Run, string Message)? firstError = null;
        var failed = new long[props];
        var firstRun = new long[props];
        var firstSchedule = new Schedule?[props];
        Array.Fill(firstRun, long.MaxValue);
        foreach (Worker w in workers)
        {
            coverage.Add(w.Coverage);
            errors += w.Errors;
            if (w.FirstError is { } e && (firstError is null || e.Run < firstError.Value.Run))
            {
                firstError = e;
            }

            for (int p = 0; p < props; p++)
            {
                failed[p] += w.Failed[p];
                if (w.FirstRun[p] < firstRun[p])
                {
                    firstRun[p] = w.FirstRun[p];
                    firstSchedule[p] = w.FirstSchedule[p];
                }
            }
        }

        var outcomes = ImmutableArray.CreateBuilder<PropertyOutcome>(props);
        for (int p = 0; p < props; p++)
        {
            Counterexample? cx = null;
            if (firstSchedule[p] is { } s)
            {
                progress?.Invoke(new ExploreProgress(done, total, failing, "shrinking " + options.Properties[p].Name));
                cx = Build(cluster, options, gen, runner, p, firstRun[p], s, cancel);
            }

            outcomes.Add(new PropertyOutcome(options.Properties[p].Name, failed[p], cx));
        }

        return new ExploreResult
        {
            Inputs = cluster.Inputs,
            Fingerprint = cluster.Fingerprint,
            Nodes = cluster.NodeNames,
            Seed = options.Seed,
            Runs = options.Runs,
            DurationUs = options.Settings.DurationUs,
            Faults = [.. gen.Kinds.Select(FaultKinds.Name)],
            Shard = options.Shard,
            Completed = done,
            Interrupted = done < total,
            Outcomes = outcomes.MoveToImmutable(),
            Errors = errors,
            FirstError = firstError,
            Coverage = coverage,
            WallSeconds = clock.Elapsed.TotalSeconds,
            Threads = threads,
        };
    }

    /// <summary>Shrinks the first failure of property <paramref name="p"/> and writes it as a scenario, checked by replaying the file.</summary>
    private static Counterexample Build(ExploreCluster cluster, ExploreOptions options, ScheduleGen gen, TrialRunner runner, int p, long run, Schedule failing, CancellationToken cancel)
    {
        ClusterProperty property = options.Properties[p];
        (Schedule small, long duration, Verdict verdict, int shrinkRuns) =
            Shrinker.Shrink(runner, cluster, failing, p, options.ShrinkBudget, cancel);
        string name = "explore-" + property.Name.Replace('_', '-');
        Scenario scenario = runner.ScenarioOf(small, name, duration, [new PropertyExpectation(property.Name)]) with
        {
            Description = property.Statement,
        };
        ulong runSeed = RunSeeds.For(options.Seed, run);
        string file = property.Name + ".yaml";
        string yaml = cluster.ScenarioFile(scenario,
        [
            $"vrrplab explore counterexample: property {property.Name}",
            property.Statement,
            $"Found in run {run} of {options.Runs} (seed {options.Seed}, run seed {runSeed}); shrunk from {failing.ActionCount} to {small.ActionCount} timeline actions in {shrinkRuns} runs.",
            "Violation: " + verdict.Evidence,
            $"Replay: vrrplab run {file} (fails with the same verdict, byte for byte)",
            "",
        ]);

        // Replay the file exactly as `vrrplab run` would: load it, run it with a full trace.
        ScenarioLoadResult load = ScenarioLoader.LoadText(yaml, file);
        ImmutableArray<string> timeline;
        string evidence = verdict.Evidence;
        if (load.Scenario is { } replay)
        {
            ScenarioResult r = ScenarioRunner.Run(replay);
            Verdict rv = r.Verdicts[0];
            timeline = [.. FailureTimeline.Build(r)];
            if (rv.Passed || rv.Evidence != verdict.Evidence)
            {
                evidence += $" [replaying the file gave a different verdict: {(rv.Passed ? "pass" : "fail")}: {rv.Evidence}]";
            }
        }
        else
        {
            timeline = [.. load.Diagnostics.Select(d => "cannot replay: " + d)];
            evidence += " [the written scenario does not load: " + string.Join("; ", load.Diagnostics.Where(d => d.IsError)) + "]";
        }

        return new Counterexample(property.Name, run, runSeed, failing.ActionCount, small.ActionCount, shrinkRuns, duration, evidence, file, yaml, timeline);
    }

    /// <summary>One worker thread's counters.</summary>
    private sealed class Worker(int props)
    {
        public Coverage Coverage { get; } = new();

        public long[] Failed { get; } = new long[props];

        public long[] FirstRun { get; } = Enumerable.Repeat(long.MaxValue, props).ToArray();

        public Schedule?[] FirstSchedule { get; } = new Schedule?[props];

        public long Errors { get; private set; }

        public (long Run, string Message)? FirstError { get; private set; }

        /// <summary>Runs run <paramref name="run"/>; true if a property failed.</summary>
        public bool RunOne(ScheduleGen gen, TrialRunner runner, ulong seed, long run)
        {
            Schedule s = gen.Generate(RunSeeds.For(seed, run));
            Trial trial;
            try
            {
                trial = runner.Run(s);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Errors++;
                if (FirstError is null || run < FirstError.Value.Run)
                {
                    FirstError = (run, $"{e.GetType().Name}: {e.Message}");
                }

                return true;
            }

            Coverage.Add(s, trial.Simulation);
            bool any = false;
            for (int p = 0; p < trial.Verdicts.Length; p++)
            {
                if (!trial.Verdicts[p].Passed)
                {
                    any = true;
                    Failed[p]++;
                    if (run < FirstRun[p])
                    {
                        FirstRun[p] = run;
                        FirstSchedule[p] = s;
                    }
                }
            }

            return any;
        }
    }
}
