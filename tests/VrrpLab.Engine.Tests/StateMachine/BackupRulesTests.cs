namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>Domain section 4, "BACKUP receives a valid advert" and preempt_delay.</summary>
public sealed class BackupRulesTests
{
    [Test]
    public void Accepted_advert_resets_the_down_timer_to_master_down_interval()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 50)).Start();
        h.Receive(T.S(3), 100);
        Assert.That(h.Instance.MasterDownDeadline, Is.EqualTo(T.Us(3_000_000 + 3_804_687)));
        h.AssertBecomesMasterAt(6_804_687);
    }

    [Test]
    public void Equal_priority_advert_is_accepted_in_backup_with_no_address_tie_break()
    {
        // Our address 10.0.0.11 is higher than the sender's 10.0.0.5: BACKUP accepts anyway.
        var h = new RouterHarness(RouterHarness.Config(priority: 100)).Start();
        var fx = h.Receive(T.S(1), 100, TestAddresses.Lower);
        Assert.That(fx.OfType<AdvertisementAccepted>(), Is.Not.Empty);
        Assert.That(h.Instance.MasterDownDeadline, Is.EqualTo(T.Us(1_000_000 + 3_609_375)));
    }

    [Test]
    public void A_repeated_advert_is_decoded_once_but_new_bytes_in_the_same_buffer_or_another_sender_are_seen()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 50)).Start();
        byte[] Bytes(byte priority) => AdvertisementCodec.Encode(
            new Advertisement(VrrpVersion.V2, 51, priority, h.Instance.Config.AdvertInterval, [TestAddresses.Vip]), TestAddresses.Peer, TestAddresses.Group, V3ChecksumForm.PseudoHeader);
        byte[] buffer = Bytes(100);

        AdvertisementAccepted first = h.ReceiveRaw(T.S(1), buffer, TestAddresses.Peer).OfType<AdvertisementAccepted>().Single();
        AdvertisementAccepted again = h.ReceiveRaw(T.S(2), [.. buffer], TestAddresses.Peer).OfType<AdvertisementAccepted>().Single();
        AdvertisementAccepted other = h.ReceiveRaw(T.S(2.1), buffer, TestAddresses.Lower).OfType<AdvertisementAccepted>().Single();
        Bytes(0).CopyTo(buffer, 0);
        h.ReceiveRaw(T.S(2.5), buffer, TestAddresses.Peer);
        h.RunUntil(T.S(10));

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first), "the same bytes from the same sender: no new decode, no new effect");
            Assert.That(other.Source, Is.EqualTo(TestAddresses.Lower));
            Assert.That(other.Advert.Priority, Is.EqualTo(100));
            Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(2_500_000 + 804_687)), "the priority 0 written into the same buffer is seen");
        });
    }

    [Test]
    public void Priority_zero_sets_the_down_timer_to_skew_time()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 50)).Start();
        h.Receive(T.S(2), 100);
        h.Receive(T.S(2.5), 0);
        h.RunUntil(T.S(10));
        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(2_500_000 + 804_687)));
    }

    [Test]
    public void Preempting_backup_discards_a_lower_priority_advert_and_takes_over_when_its_timer_runs_out()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 100)).Start();
        for (int s = 1; s <= 10; s++)
        {
            var fx = h.Receive(T.S(s), 50);
            if (h.State == VrrpState.Backup)
            {
                Assert.That(fx.OfType<AdvertisementDiscarded>(), Is.Not.Empty, $"advert at {s}s");
            }
        }

        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(3_609_375)));
        Assert.That(h.Logs, Does.Contain("(VI_1) received lower priority (50) advert from 10.0.0.12 - discarding"));
    }

    [Test]
    public void Nopreempt_backup_accepts_lower_priority_adverts_and_never_takes_over()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 100, nopreempt: true)).Start();
        for (int s = 1; s <= 30; s++)
        {
            h.Receive(T.S(s), 50);
        }

        h.RunUntil(T.S(33));
        Assert.That(h.EnteredAt(VrrpState.Master), Is.Null);
    }

    [Test]
    public void Nopreempt_is_cleared_with_state_master()
    {
        var config = RouterHarness.Config(priority: 100, nopreempt: true, state: InitialState.Master);
        Assert.That(config.EffectiveNopreempt, Is.False);
        var h = new RouterHarness(config).Start();
        for (int s = 1; s <= 10; s++)
        {
            h.Receive(T.S(s), 50);
        }

        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(3_609_375)));
    }

    [Test]
    public void Preempt_delay_accepts_a_lower_master_for_the_delay_then_takes_over_one_mdi_after_the_last_accepted_advert()
    {
        var config = RouterHarness.Config(priority: 100) with { PreemptDelay = Duration.FromSeconds(10) };
        var h = new RouterHarness(config).Start();
        for (int s = 1; s <= 30; s++)
        {
            h.Receive(T.S(s), 50);
        }

        // Window opens at the first lower advert (1 s) and ends at 11 s: adverts at 1..10 s are
        // accepted, the one at 11 s is discarded; the timer set at 10 s fires at 10 s + MDI.
        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(10_000_000 + 3_609_375)));
    }

    [Test]
    public void Preempt_delay_does_not_apply_at_startup()
    {
        var config = RouterHarness.Config(priority: 100) with { PreemptDelay = Duration.FromSeconds(10) };
        var h = new RouterHarness(config).Start();
        h.RunUntil(T.S(5));
        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(3_609_375)));
    }

    [Test]
    public void Priority_change_in_backup_shifts_the_down_timer_by_the_change_in_skew()
    {
        var script = new TrackedScript("chk", "/bin/true", Duration.FromSeconds(1), Duration.FromSeconds(1), -50, 1, 1, false);
        var instance = RouterHarness.Config(priority: 100) with { TrackScripts = [new ScriptTrack("chk")] };
        var h = new RouterHarness(new RouterConfig { Instances = [instance], Scripts = [script] }).Start();
        h.Receive(T.S(0.5), 200);
        Instant before = h.Instance.MasterDownDeadline;
        h.Script(T.S(1), "chk", ok: false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(50));
        // skew 100 = 609375, skew 50 = 804687: the deadline moves by +195312 us.
        Assert.That(h.Instance.MasterDownDeadline - before, Is.EqualTo(Duration.FromMicroseconds(195_312)));
    }
}
