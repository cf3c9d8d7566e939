namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>Domain section 4, "Receive validation": a discarded advert never resets a BACKUP's timer.</summary>
public sealed class ReceiveValidationTests
{
    private static void AssertDroppedWithoutTimerReset(RouterHarness h, IReadOnlyList<Effect> fx, AdvertDropReason reason)
    {
        Assert.That(fx.OfType<AdvertisementDropped>().Select(d => d.Reason), Is.EqualTo(new[] { reason }));
        Assert.That(h.Instance.MasterDownDeadline, Is.EqualTo(T.Us(3_609_375)), "a dropped advert must not reset the down timer");
    }

    [Test]
    public void Ttl_other_than_255_is_dropped()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        var fx = h.Receive(T.S(1), 200, ttl: 254);
        AssertDroppedWithoutTimerReset(h, fx, AdvertDropReason.BadTtl);
        Assert.That(h.Logs, Does.Contain("(VI_1) invalid TTL/HL. Received 254 and expect 255"));
    }

    [Test]
    public void V2_advert_interval_mismatch_is_dropped_so_mismatched_peers_both_become_master()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        for (int s = 1; s <= 3; s++)
        {
            var fx = h.Receive(T.S(s), 200, interval: Duration.FromSeconds(2));
            Assert.That(fx.OfType<AdvertisementDropped>().Single().Reason, Is.EqualTo(AdvertDropReason.IntervalMismatch));
        }

        h.RunUntil(T.S(4));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master), "split brain: the higher-priority peer's adverts were discarded");
    }

    [Test]
    public void V3_interval_mismatch_is_accepted_and_the_backup_learns_the_masters_interval()
    {
        var h = new RouterHarness(RouterHarness.Config(version: VrrpVersion.V3, intervalMs: 1000)).Start();
        var fx = h.Receive(T.S(1), 200, interval: Duration.FromMilliseconds(500));
        Assert.That(fx.OfType<AdvertisementAccepted>(), Is.Not.Empty);
        Assert.That(h.Instance.MasterAdvertInterval, Is.EqualTo(Duration.FromMilliseconds(500)));
        // MDI = 3 x 0.5 s + (256-100) x 0.5 s / 256 = 1.5 s + 304687 us.
        Assert.That(h.Instance.MasterDownDeadline, Is.EqualTo(T.Us(1_000_000 + 1_500_000 + 304_687)));
    }

    [Test]
    public void Wrong_password_is_dropped()
    {
        var config = RouterHarness.Config() with { AuthType = AuthType.SimpleText, AuthPassword = "1111" };
        var h = new RouterHarness(config).Start();
        var fx = h.Receive(T.S(1), 200, password: "2222");
        AssertDroppedWithoutTimerReset(h, fx, AdvertDropReason.AuthFailure);
    }

    [Test]
    public void Right_password_is_accepted()
    {
        var config = RouterHarness.Config() with { AuthType = AuthType.SimpleText, AuthPassword = "1111" };
        var h = new RouterHarness(config).Start();
        var fx = h.Receive(T.S(1), 200);
        Assert.That(fx.OfType<AdvertisementAccepted>(), Is.Not.Empty);
    }

    [Test]
    public void A_version_3_advert_is_dropped_by_a_version_2_instance()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        var fx = h.Receive(T.S(1), 200, version: VrrpVersion.V3);
        AssertDroppedWithoutTimerReset(h, fx, AdvertDropReason.BadVersion);
    }

    [Test]
    public void An_advert_for_another_vrid_is_dropped_as_unknown()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        var fx = h.Receive(T.S(1), 200, vrid: 52);
        AssertDroppedWithoutTimerReset(h, fx, AdvertDropReason.UnknownVrid);
    }

    [Test]
    public void A_corrupted_checksum_is_dropped()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        var advert = new Advertisement(VrrpVersion.V2, 51, 200, Duration.FromSeconds(1), [TestAddresses.Vip]);
        byte[] bytes = AdvertisementCodec.Encode(advert, TestAddresses.Peer, TestAddresses.Group, V3ChecksumForm.PseudoHeader);
        bytes[7] ^= 0xFF;
        var fx = h.ReceiveRaw(T.S(1), bytes, TestAddresses.Peer);
        AssertDroppedWithoutTimerReset(h, fx, AdvertDropReason.BadChecksum);
    }

    [Test]
    public void Short_garbage_is_dropped_and_never_throws()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        var fx = h.ReceiveRaw(T.S(1), [0x21, 51, 1], TestAddresses.Peer);
        AssertDroppedWithoutTimerReset(h, fx, AdvertDropReason.TooShort);
    }
}
