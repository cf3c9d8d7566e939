namespace VrrpLab.Sim.Tests.Simulation;

public class SimRandomTests
{
    [Test]
    public void The_stable_hash_is_fnv1a_64() =>
        // FNV-1a 64 of "a" (published test vector); string.GetHashCode would differ per process.
        Assert.That(SimRandom.StableHash("a"), Is.EqualTo(0xaf63dc4c8601ec8cUL));

    [Test]
    public void A_component_stream_depends_only_on_the_seed_and_its_name()
    {
        ulong[] a = Draw(SimRandom.ForComponent(7, "segment/lan/loss"));
        ulong[] b = Draw(SimRandom.ForComponent(7, "segment/lan/loss"));
        ulong[] c = Draw(SimRandom.ForComponent(7, "segment/lan/jitter"));
        ulong[] d = Draw(SimRandom.ForComponent(8, "segment/lan/loss"));
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a, Is.Not.EqualTo(d));
    }

    [Test]
    public void Chance_hits_its_rate_on_a_fixed_seed()
    {
        var r = new SimRandom(42);
        int hits = 0;
        for (int i = 0; i < 100_000; i++)
        {
            hits += r.Chance(300_000) ? 1 : 0;
        }

        // 30% of 100,000 with a standard deviation of ~145: 5 sigma either side.
        Assert.That(hits, Is.InRange(29_275, 30_725));
    }

    [Test]
    public void UpTo_stays_within_its_inclusive_bound()
    {
        var r = new SimRandom(3);
        var seen = new HashSet<long>();
        for (int i = 0; i < 1000; i++)
        {
            long v = r.UpTo(4);
            Assert.That(v, Is.InRange(0, 4));
            seen.Add(v);
        }

        Assert.That(seen, Has.Count.EqualTo(5));
    }

    private static ulong[] Draw(SimRandom r) => [.. Enumerable.Range(0, 8).Select(_ => r.NextUInt64())];
}
