using VrrpLab.RealNet.Logging;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>Bad packets are logged, rate limited.</summary>
public sealed class LogRateLimiterTests
{
    [Test]
    public void A_flood_of_one_key_lets_one_line_through_per_window_and_counts_the_rest()
    {
        var limiter = new LogRateLimiter(Duration.FromSeconds(10));
        int written = 0;
        long lastSuppressed = -1;
        for (int ms = 0; ms < 20_000; ms++)
        {
            if (limiter.TryAcquire("bad ttl", new Instant(ms * 1000L), out long suppressed))
            {
                written++;
                lastSuppressed = suppressed;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(2));
            Assert.That(lastSuppressed, Is.EqualTo(9_999));
        });
    }

    [Test]
    public void Different_keys_do_not_hold_each_other_back()
    {
        var limiter = new LogRateLimiter(Duration.FromSeconds(10));
        Assert.Multiple(() =>
        {
            Assert.That(limiter.TryAcquire("a", Instant.Zero, out _), Is.True);
            Assert.That(limiter.TryAcquire("b", Instant.Zero, out _), Is.True);
            Assert.That(limiter.TryAcquire("a", Instant.Zero, out _), Is.False);
        });
    }
}
