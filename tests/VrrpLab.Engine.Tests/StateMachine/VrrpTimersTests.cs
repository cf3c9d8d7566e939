namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>Timer formulas of domain.md section 3, in integer microseconds rounded down.</summary>
public sealed class VrrpTimersTests
{
    [TestCase(100, 609_375)]
    [TestCase(50, 804_687)]
    [TestCase(254, 7_812)]
    [TestCase(1, 996_093)]
    public void V2_skew_is_256_minus_priority_over_256_seconds_not_scaled_by_interval(int priority, long expectedUs)
    {
        Assert.That(VrrpTimers.SkewTime(VrrpVersion.V2, priority, Duration.FromSeconds(5)).Microseconds, Is.EqualTo(expectedUs));
        Assert.That(VrrpTimers.SkewTime(VrrpVersion.V2, priority, Duration.FromSeconds(1)).Microseconds, Is.EqualTo(expectedUs));
    }

    [Test]
    public void V2_master_down_interval_matches_the_domain_examples_for_advert_int_5()
    {
        Assert.That(VrrpTimers.MasterDownInterval(VrrpVersion.V2, 100, Duration.FromSeconds(5)).Microseconds, Is.EqualTo(15_609_375));
        Assert.That(VrrpTimers.MasterDownInterval(VrrpVersion.V2, 50, Duration.FromSeconds(5)).Microseconds, Is.EqualTo(15_804_687));
    }

    [Test]
    public void V3_skew_scales_with_the_master_advert_interval()
    {
        // (256 - 100) * 100 cs / 256 = 60.9375 cs = 609375 us; at 50 cs it halves.
        Assert.That(VrrpTimers.SkewTime(VrrpVersion.V3, 100, Duration.FromCentiseconds(100)).Microseconds, Is.EqualTo(609_375));
        Assert.That(VrrpTimers.SkewTime(VrrpVersion.V3, 100, Duration.FromCentiseconds(50)).Microseconds, Is.EqualTo(304_687));
        Assert.That(VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, Duration.FromCentiseconds(50)).Microseconds, Is.EqualTo(1_500_000 + 304_687));
    }

    [Test]
    public void Down_timer_adverts_multiplies_the_interval()
    {
        Assert.That(VrrpTimers.MasterDownInterval(VrrpVersion.V2, 100, Duration.FromSeconds(1), downTimerAdverts: 5).Microseconds, Is.EqualTo(5_609_375));
    }
}
