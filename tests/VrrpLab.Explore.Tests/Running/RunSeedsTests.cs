namespace VrrpLab.Explore.Tests.Running;

/// <summary>Run seeds and shards: a run's schedule depends on (seed, index) only; shards partition the runs.</summary>
public class RunSeedsTests
{
    [Test]
    public void Run_seeds_are_a_pure_function_of_the_exploration_seed_and_the_run_index()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RunSeeds.For(1, 5), Is.EqualTo(RunSeeds.For(1, 5)));
            Assert.That(Enumerable.Range(0, 10_000).Select(i => RunSeeds.For(1, i)).Distinct().Count(), Is.EqualTo(10_000));
            Assert.That(RunSeeds.For(2, 5), Is.Not.EqualTo(RunSeeds.For(1, 5)));
            // Pinned: changing the derivation would change every user's findings for the same command.
            Assert.That(RunSeeds.For(1, 0), Is.EqualTo(6728581669027343264UL));
        });
    }

    [TestCase(1000, 4)]
    [TestCase(1001, 4)]
    [TestCase(3, 4)]
    [TestCase(10, 1)]
    public void Shards_0_to_n_minus_1_own_every_run_exactly_once(int runs, int n)
    {
        var owners = new int[runs];
        for (int i = 0; i < n; i++)
        {
            var shard = new ShardSpec(i, n);
            int owned = 0;
            for (int r = 0; r < runs; r++)
            {
                if (shard.Owns(r))
                {
                    owners[r]++;
                    owned++;
                }
            }

            Assert.That(shard.RunsOf(runs), Is.EqualTo(owned), $"shard {shard}");
        }

        Assert.That(owners, Is.All.EqualTo(1));
    }

    [TestCase("0/4", true)]
    [TestCase("3/4", true)]
    [TestCase("4/4", false)]
    [TestCase("1/0", false)]
    [TestCase("-1/4", false)]
    [TestCase("1", false)]
    [TestCase("a/b", false)]
    public void Shard_options_are_I_slash_N_with_I_below_N(string text, bool ok)
    {
        bool parsed = ShardSpec.TryParse(text, out _, out string? error);
        Assert.That(parsed, Is.EqualTo(ok), error);
        if (!ok)
        {
            Assert.That(error, Does.Contain(text));
        }
    }
}
