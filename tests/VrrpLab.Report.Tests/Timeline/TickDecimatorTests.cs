using FsCheck;
using FsCheck.Fluent;
using VrrpLab.Report.Timeline;

namespace VrrpLab.Report.Tests.Timeline;

/// <summary>Advertisement ticks: lossless run-lengths first, bands only beyond the budget, priority 0 never hidden.</summary>
public class TickDecimatorTests
{
    [Test]
    public void A_steady_cadence_is_one_exact_run()
    {
        var adverts = Enumerable.Range(0, 3600).Select(k => (1_000_000L * k + 15, 100)).ToList();
        List<TickRun> runs = TickDecimator.Compress(adverts, 10);
        Assert.That(runs, Is.EqualTo(new[] { new TickRun(15, 3_599_000_015, 3600, 100, true) }));
    }

    [Test]
    public void Beyond_the_budget_neighbours_merge_into_bands_but_priority_0_stays()
    {
        // 2,000 adverts with jittered gaps (no two equal), one priority 0 in the middle.
        var adverts = new List<(long, int)>();
        long t = 0;
        for (int k = 0; k < 2000; k++)
        {
            t += 1_000_000 + (k % 7) * 1_000 + k;
            adverts.Add((t, k == 1000 ? 0 : 100));
        }

        List<TickRun> runs = TickDecimator.Compress(adverts, 50);
        Assert.That(runs.Count, Is.LessThanOrEqualTo(52), "one band per time bucket, the priority-0 advert splitting one");
        Assert.That(runs.Sum(r => r.Count), Is.EqualTo(2000));
        TickRun zero = runs.Single(r => r.Priority == 0);
        Assert.That((zero.StartUs, zero.Count), Is.EqualTo((adverts[1000].Item1, 1)));
        Assert.That(runs.Any(r => !r.Exact), Is.True);
    }

    [FsProperty(MaxTest = 200)]
    public Property Runs_cover_every_advert_in_order_and_exact_runs_reproduce_the_times()
    {
        Gen<(long Gap, int Priority)[]> gen =
            Gen.ArrayOf(Gen.Zip(Gen.Elements(1L, 2L, 5L, 1000L), Gen.Elements(0, 50, 100)));
        return Prop.ForAll(gen.ToArbitrary(), steps =>
        {
            var adverts = new List<(long T, int Priority)>();
            long t = 0;
            foreach ((long gap, int prio) in steps)
            {
                t += gap;
                adverts.Add((t, prio));
            }

            List<TickRun> runs = TickDecimator.Compress(adverts, int.MaxValue);
            var rebuilt = new List<(long, int)>();
            foreach (TickRun r in runs)
            {
                for (int k = 0; k < r.Count; k++)
                {
                    rebuilt.Add((r.Count == 1 ? r.StartUs : r.StartUs + (k * (r.EndUs - r.StartUs) / (r.Count - 1)), r.Priority));
                }
            }

            return runs.All(r => r.Exact) && rebuilt.SequenceEqual(adverts);
        });
    }

    [Test]
    public void Drops_beyond_the_budget_merge_by_reason()
    {
        var drops = Enumerable.Range(0, 1000).Select(k => new DropMark(k * 1000L, k * 1000L, 1, k % 2 == 0 ? "a" : "a", "x")).ToList();
        List<DropMark> merged = TickDecimator.Compress(drops, 20);
        Assert.That(merged.Count, Is.LessThanOrEqualTo(20));
        Assert.That(merged.Sum(d => d.Count), Is.EqualTo(1000));
    }
}
