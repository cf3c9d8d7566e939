using VrrpLab.Explore.Reporting;
using VrrpLab.Sim.Checks.Properties;
using VrrpLab.Sim.Running;

namespace VrrpLab.Explore.Tests.Running;

/// <summary>The exploration end to end on the seed article's pair: findings, shrinking, replay, sharding, threads.</summary>
public class ExplorerTests
{
    private static ExploreOptions Options(long runs, int threads = 2, ShardSpec? shard = null) => new()
    {
        Runs = runs,
        Seed = 7,
        Threads = threads,
        Shard = shard ?? ShardSpec.Whole,
        Settings = ExploreSettings.Default,
    };

    [Test]
    public void The_seed_articles_state_master_nopreempt_mistake_is_found_and_shrunk_to_at_most_three_actions_that_vrrplab_run_replays_failing()
    {
        string dir = Clusters.TempDir();
        ExploreCluster cluster = Clusters.SeedPair(dir, mistake: true);

        ExploreResult r = Explorer.Run(cluster, Options(300));

        PropertyOutcome nopreempt = r.Outcomes.Single(o => o.Property == ClusterProperty.NopreemptRespected.Name);
        Counterexample c = nopreempt.Counterexample!;
        Assert.Multiple(() =>
        {
            Assert.That(nopreempt.FailedRuns, Is.GreaterThan(0));
            Assert.That(c.Actions, Is.LessThanOrEqualTo(3));
            Assert.That(c.Evidence, Does.Contain("real-server1").And.Contain("configured nopreempt").And.Contain("state MASTER"));
            Assert.That(c.Evidence, Does.Not.Contain("replaying the file gave a different verdict").And.Not.Contain("does not load"));
        });

        // The file alone, as `vrrplab run` loads it: fails with the same property and the same evidence.
        string file = Path.Combine(dir, c.FileName);
        File.WriteAllText(file, c.Yaml);
        ScenarioLoadResult load = ScenarioLoader.LoadFile(file);
        Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics));
        ScenarioResult replay = ScenarioRunner.Run(load.Scenario!);
        Verdict v = replay.Verdicts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(v.Passed, Is.False);
            Assert.That(v.Expectation, Is.EqualTo(new PropertyExpectation(ClusterProperty.NopreemptRespected.Name)).Using<Expectation>((a, b) => a.Describe() == b.Describe()));
            Assert.That(v.Evidence, Is.EqualTo(c.Evidence));
            Assert.That(load.Scenario!.Timeline, Has.Length.EqualTo(c.Actions));
        });
    }

    [Test]
    public void A_flood_silences_the_sound_pairs_keepalived_master_and_shrinks_to_a_flood_scenario_that_vrrplab_run_replays_failing()
    {
        // keepalived 2.2.7 restarts a MASTER's advert timer on every datagram naming its VRID: a flood
        // of one a second (advert_int 5) silences it, and the nopreempt BACKUP takes the VIP from it.
        string dir = Clusters.TempDir();
        ExploreCluster cluster = Clusters.SeedPair(dir, mistake: false);
        ExploreResult r = Explorer.Run(cluster, Options(200) with { Settings = ExploreSettings.Default with { Kinds = [Faults.FaultKind.Flood] } });

        Assert.That(r.Faults, Is.EqualTo(new[] { "flood" }));
        Assert.That(r.Coverage.Faults[(int)Faults.FaultKind.Flood], Is.GreaterThan(100));
        Assert.That(r.Outcomes.Where(o => !o.Held).Select(o => o.Property), Is.EqualTo(new[] { ClusterProperty.NopreemptRespected.Name }));
        Counterexample c = r.Outcomes.Single(o => !o.Held).Counterexample!;
        Assert.Multiple(() =>
        {
            // Whoever starts first matters with nopreempt: the two starts and the flood.
            Assert.That(c.Actions, Is.LessThanOrEqualTo(3), c.Yaml);
            Assert.That(c.Yaml, Does.Contain("flood: { segment: lan, vrid: 151, "));
            Assert.That(c.Evidence, Does.Contain("a flood on the segment kept real-server2 silent"));
            Assert.That(c.Evidence, Does.Not.Contain("replaying the file gave a different verdict").And.Not.Contain("does not load"));
        });

        string file = Path.Combine(dir, c.FileName);
        File.WriteAllText(file, c.Yaml);
        ScenarioLoadResult load = ScenarioLoader.LoadFile(file);
        Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics));
        Verdict v = ScenarioRunner.Run(load.Scenario!).Verdicts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(v.Passed, Is.False);
            Assert.That(v.Evidence, Is.EqualTo(c.Evidence));
            Assert.That(load.Scenario!.Timeline.Count(x => x.Action is FloodAction), Is.EqualTo(1));
        });
    }

    [Test]
    public void The_sound_seed_pair_holds_every_property_in_two_thousand_runs()
    {
        ExploreResult r = Explorer.Run(Clusters.SeedPair(Clusters.TempDir(), mistake: false), Options(2000));

        Assert.Multiple(() =>
        {
            Assert.That(r.Completed, Is.EqualTo(2000));
            Assert.That(r.Errors, Is.Zero, r.FirstError?.Message);
            foreach (PropertyOutcome o in r.Outcomes)
            {
                Assert.That(o.Held, Is.True, $"{o.Property}: {o.Counterexample?.Evidence}\n{o.Counterexample?.Yaml}");
            }
        });
    }

    [Test]
    public void The_union_of_shards_0_to_3_of_4_merges_into_exactly_the_unsharded_result()
    {
        ExploreCluster cluster = Clusters.SeedPair(Clusters.TempDir(), mistake: true);
        ExploreResult whole = Explorer.Run(cluster, Options(240));
        ExploreResult[] shards = [.. Enumerable.Range(0, 4).Select(i => Explorer.Run(cluster, Options(240, shard: new ShardSpec(i, 4))))];

        // Shards arrive in any order; each ran a quarter of the runs.
        ExploreResult merged = ExploreResult.Merge([shards[2], shards[0], shards[3], shards[1]]);

        Assert.Multiple(() =>
        {
            Assert.That(shards.Select(s => s.Completed), Is.EqualTo(new long[] { 60, 60, 60, 60 }));
            Assert.That(whole.Passed, Is.False, "the mistake pair fails, so counterexamples are compared too");
            Assert.That(ResultJson.Write(merged, includeTiming: false), Is.EqualTo(ResultJson.Write(whole, includeTiming: false)));
            Assert.That(ResultJUnit.Build(merged, "out").ToString(), Is.EqualTo(ResultJUnit.Build(whole, "out").ToString()));
            Assert.That(Summary(merged), Is.EqualTo(Summary(whole)));
            Assert.That(merged.SlowestShardSeconds, Is.EqualTo(shards.Max(s => s.WallSeconds)));
            Assert.That(ResultText.Timing(merged, merged: true), Does.Match(@"^took [0-9.]+s in 4 shards \(the slowest [0-9.]+s, the wall time with one machine per shard\): [0-9,]+ runs/s per machine of up to 2 threads$"));
        });
    }

    [Test]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        ExploreCluster cluster = Clusters.SeedPair(Clusters.TempDir(), mistake: true);

        string one = ResultJson.Write(Explorer.Run(cluster, Options(150, threads: 1)), includeTiming: false);
        string three = ResultJson.Write(Explorer.Run(cluster, Options(150, threads: 3)), includeTiming: false);

        Assert.That(three, Is.EqualTo(one));
    }

    [Test]
    public void Cancelling_stops_early_with_a_partial_result_that_says_so()
    {
        ExploreCluster cluster = Clusters.SeedPair(Clusters.TempDir(), mistake: false);
        using var cts = new CancellationTokenSource();
        long seen = 0;

        ExploreResult r = Explorer.Run(cluster, Options(1_000_000), p =>
        {
            seen = p.Done;
            if (p.Done > 0)
            {
                cts.Cancel();
            }
        }, cts.Token);

        Assert.Multiple(() =>
        {
            Assert.That(r.Interrupted, Is.True);
            Assert.That(r.Completed, Is.GreaterThan(0).And.LessThan(1_000_000));
            Assert.That(seen, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Merging_refuses_a_missing_shard_and_shards_of_another_exploration()
    {
        ExploreCluster cluster = Clusters.SeedPair(Clusters.TempDir(), mistake: false);
        ExploreResult s0 = Explorer.Run(cluster, Options(20, shard: new ShardSpec(0, 2)));
        ExploreResult s1 = Explorer.Run(cluster, Options(20, shard: new ShardSpec(1, 2)));
        ExploreResult other = Explorer.Run(cluster, Options(20, shard: new ShardSpec(1, 2)) with { Seed = 8 });

        Assert.Multiple(() =>
        {
            Assert.That(() => ExploreResult.Merge([s0]), Throws.TypeOf<MergeException>().With.Message.Contains("missing shard 1/2"));
            Assert.That(() => ExploreResult.Merge([s0, other]), Throws.TypeOf<MergeException>().With.Message.Contains("seed 8"));
            Assert.That(() => ExploreResult.Merge([s0, s0, s1]), Throws.TypeOf<MergeException>().With.Message.Contains("repeats shard 0/2"));
            Assert.That(ExploreResult.Merge([s1, s0]).Completed, Is.EqualTo(20));
        });
    }

    private static string Summary(ExploreResult r)
    {
        var w = new StringWriter();
        ResultText.Write(r, w, "out");
        return w.ToString();
    }
}
