namespace VrrpLab.Sim.Tests.Simulation;

public class NodeClockTests
{
    [Test]
    public void A_clock_at_1_02_gains_20ms_per_second()
    {
        var c = new NodeClock();
        c.SetRate(10_000_000, new ClockRate(102, 100));
        Assert.That(c.LocalAt(11_000_000).Microseconds, Is.EqualTo(11_020_000));
        Assert.That(c.GlobalFor(new Instant(11_020_000)), Is.EqualTo(11_000_000));
    }

    [FsProperty]
    public Property The_global_instant_of_a_local_deadline_is_the_first_at_which_the_clock_reaches_it()
    {
        Gen<(int num, int den, int anchor, int ahead)> gen =
            from num in Gen.Choose(1, 3000)
            from den in Gen.Choose(1, 3000)
            from anchor in Gen.Choose(0, 1_000_000_000)
            from ahead in Gen.Choose(0, 2_000_000_000)
            select (num, den, anchor, ahead);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = new NodeClock();
            c.SetRate(t.anchor, new ClockRate(t.num, t.den));
            long local0 = c.LocalAt(t.anchor).Microseconds;
            var deadline = new Instant(local0 + t.ahead);
            long g = c.GlobalFor(deadline);
            return c.LocalAt(g) >= deadline && (g == t.anchor || c.LocalAt(g - 1) < deadline);
        });
    }

    [Test]
    public void Changing_the_rate_keeps_local_time_continuous()
    {
        var c = new NodeClock();
        c.SetRate(0, new ClockRate(3, 2));
        Instant before = c.LocalAt(1_000_001);
        c.SetRate(1_000_001, new ClockRate(1, 2));
        Assert.That(c.LocalAt(1_000_001), Is.EqualTo(before));
        Assert.That(c.LocalAt(1_000_003).Microseconds, Is.EqualTo(before.Microseconds + 1));
    }
}
