using FsCheck;
using FsCheck.Fluent;
using VrrpLab.RealNet.Time;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>When the daemon fires the engine's timers, and at which instant.</summary>
public sealed class TimerPolicyTests
{
    private static Instant Ms(long ms) => new(ms * 1000);

    [Test]
    public void A_timer_not_yet_due_is_not_fired()
    {
        Assert.That(TimerPolicy.FiringInstant(Ms(1000), Ms(990), Ms(0), out _), Is.Null);
    }

    [Test]
    public void No_timer_set_is_never_fired()
    {
        Assert.That(TimerPolicy.FiringInstant(Instant.Never, Ms(long.MaxValue / 2000), Ms(0), out _), Is.Null);
    }

    [FsProperty]
    public Property A_timer_woken_late_within_the_threshold_fires_at_its_own_deadline_so_adverts_do_not_drift() =>
        Prop.ForAll(
            Gen.Choose(0, 100_000).ToArbitrary(),
            Gen.Choose(0, (int)TimerPolicy.LateThreshold.Microseconds).ToArbitrary(),
            (deadlineMs, lateUs) =>
            {
                Instant deadline = Ms(deadlineMs);
                Instant? at = TimerPolicy.FiringInstant(deadline, deadline + Duration.FromMicroseconds(lateUs), Instant.Zero, out bool late);
                return at == deadline && !late;
            });

    [Test]
    public void Advert_period_stays_exact_over_many_late_wakeups()
    {
        // The engine schedules the next advert one interval after the instant it is given.
        Duration interval = Duration.FromSeconds(1);
        Instant deadline = Ms(1000);
        Instant last = Instant.Zero;
        for (int n = 0; n < 1000; n++)
        {
            Instant wokeAt = deadline + Duration.FromMicroseconds(700 + (n % 5 * 3000));
            Instant fired = TimerPolicy.FiringInstant(deadline, wokeAt, last, out _)!.Value;
            last = fired;
            deadline = fired + interval;
        }

        Assert.That(deadline, Is.EqualTo(Ms(1001 * 1000)));
    }

    [Test]
    public void A_timer_found_very_late_fires_at_now_and_is_reported()
    {
        Instant now = Ms(1000) + TimerPolicy.LateThreshold + Duration.FromMilliseconds(1);
        Instant? at = TimerPolicy.FiringInstant(Ms(1000), now, Instant.Zero, out bool late);
        Assert.Multiple(() =>
        {
            Assert.That(at, Is.EqualTo(now));
            Assert.That(late, Is.True);
        });
    }

    [Test]
    public void A_deadline_within_the_os_timer_resolution_counts_as_due()
    {
        Assert.That(TimerPolicy.FiringInstant(Ms(1000), Ms(1000) - TimerPolicy.EarlyTolerance, Ms(0), out _), Is.EqualTo(Ms(1000)));
    }

    [Test]
    public void The_engine_never_sees_time_go_backwards()
    {
        Assert.That(TimerPolicy.FiringInstant(Ms(1000), Ms(1001), Ms(1000) + Duration.FromMicroseconds(500), out _),
            Is.EqualTo(Ms(1000) + Duration.FromMicroseconds(500)));
    }
}
