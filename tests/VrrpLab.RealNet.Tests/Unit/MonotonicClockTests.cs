using VrrpLab.RealNet.Time;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The engine's Instant on a real host: microseconds of the monotonic clock.</summary>
public sealed class MonotonicClockTests
{
    private sealed class ManualTimestamps(long frequency) : TimeProvider
    {
        public long Ticks { get; set; } = 123_456_789_000;

        public override long TimestampFrequency => frequency;

        public override long GetTimestamp() => Ticks;
    }

    [TestCase(1_000_000_000L)]
    [TestCase(10_000_000L)]
    public void Instant_counts_microseconds_since_the_daemon_started(long frequency)
    {
        var time = new ManualTimestamps(frequency);
        var clock = new MonotonicClock(time);
        time.Ticks += frequency * 3 / 2; // 1.5 s later
        Assert.That(clock.Now, Is.EqualTo(new Instant(1_500_000)));
    }

    [Test]
    public void Conversion_does_not_overflow_after_a_long_uptime()
    {
        long tenYearsNs = 10L * 365 * 24 * 3600 * 1_000_000_000;
        Assert.That(MonotonicClock.ToMicroseconds(tenYearsNs, 1_000_000_000), Is.EqualTo(tenYearsNs / 1000));
    }

    [Test]
    public void Time_until_a_passed_deadline_is_zero()
    {
        var time = new ManualTimestamps(1_000_000_000);
        var clock = new MonotonicClock(time);
        time.Ticks += 2_000_000_000;
        Assert.Multiple(() =>
        {
            Assert.That(clock.Until(new Instant(1_000_000)), Is.EqualTo(TimeSpan.Zero));
            Assert.That(clock.Until(new Instant(2_250_000)), Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        });
    }
}
