namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>Domain section 4, "MASTER receives a valid advert" and shutdown.</summary>
public sealed class MasterRulesTests
{
    private static RouterHarness Master(byte priority = 100, VrrpInstanceConfig? config = null)
    {
        var h = new RouterHarness(config ?? RouterHarness.Config(priority: priority)).Start();
        h.RunUntil(T.S(4));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        return h;
    }

    [Test]
    public void Master_advertises_every_advert_interval()
    {
        var h = Master();
        h.RunUntil(T.S(10));
        var sent = h.Effects.Where(e => e.Effect is SendAdvertisement).Select(e => e.At.Microseconds).ToList();
        // The takeover advert at 3.609375 s, then one every second.
        Assert.That(sent.Distinct(), Is.EqualTo(new long[] { 3_609_375, 4_609_375, 5_609_375, 6_609_375, 7_609_375, 8_609_375, 9_609_375 }));
    }

    [Test]
    public void Master_yields_to_a_higher_priority_removing_vips_without_sending_priority_zero()
    {
        var h = Master();
        var fx = h.Receive(T.S(5), 150);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(fx.OfType<RemoveVirtualAddress>().Count(), Is.EqualTo(1));
        Assert.That(fx.OfType<SendAdvertisement>(), Is.Empty);
        Assert.That(h.Logs, Does.Contain("(VI_1) Master received advert from 10.0.0.12 with higher priority 150, ours 100"));
    }

    [Test]
    public void Master_with_equal_priority_yields_to_a_higher_primary_address()
    {
        var h = Master();
        h.Receive(T.S(5), 100, IPAddress.Parse("10.0.0.12"));
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
    }

    [Test]
    public void Master_with_equal_priority_stays_master_against_a_lower_primary_address()
    {
        var h = Master();
        var fx = h.Receive(T.S(5), 100, IPAddress.Parse("10.0.0.5"));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        Assert.That(fx.OfType<SendAdvertisement>(), Is.Not.Empty);
    }

    [Test]
    public void Master_answers_a_lower_priority_at_once_with_an_advert_and_gratuitous_arps()
    {
        var h = Master();
        var fx = h.Receive(T.S(5.25), 50);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        Assert.That(fx.OfType<SendAdvertisement>().Single().Advert.Priority, Is.EqualTo(100));
        Assert.That(fx.OfType<SendGratuitousArp>().Single().Count, Is.EqualTo(5));
        // The Adver_Timer restarts from the answer.
        h.RunUntil(T.S(6.3));
        Assert.That(h.Effects.Where(e => e.Effect is SendAdvertisement && e.At > T.S(5.25)).Select(e => e.At).First(), Is.EqualTo(T.S(6.25)));
    }

    [Test]
    public void Lower_prio_no_advert_suppresses_the_answer_to_a_lower_priority()
    {
        var h = Master(config: RouterHarness.Config() with { LowerPrioNoAdvert = true });
        var fx = h.Receive(T.S(5.25), 50);
        Assert.That(fx.OfType<SendAdvertisement>(), Is.Empty);
    }

    [Test]
    public void Master_hearing_priority_zero_sends_an_advert_at_once()
    {
        var h = Master();
        var fx = h.Receive(T.S(5.5), 0);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        Assert.That(fx.OfType<SendAdvertisement>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Nopreempt_plays_no_part_in_master_a_higher_priority_nopreempt_master_wins()
    {
        // keepalived issues #512/#2032: a returning nopreempt node that became MASTER wins on priority.
        var h = Master(config: RouterHarness.Config(priority: 100, nopreempt: true));
        var fx = h.Receive(T.S(5), 50);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        Assert.That(fx.OfType<SendAdvertisement>(), Is.Not.Empty);
    }

    [Test]
    public void Graceful_shutdown_of_a_master_sends_priority_zero_and_removes_its_vips()
    {
        var h = Master();
        var fx = h.Shutdown(T.S(5));
        Assert.That(h.State, Is.EqualTo(VrrpState.Stop));
        Assert.That(fx.OfType<SendAdvertisement>().Single().Advert.Priority, Is.EqualTo(0));
        Assert.That(fx.OfType<RemoveVirtualAddress>().Count(), Is.EqualTo(1));
        Assert.That(h.Logs, Does.Contain("(VI_1) sent 0 priority"));
        Assert.That(h.Router.NextDeadline.IsSet, Is.False);
    }

    [Test]
    public void Graceful_shutdown_of_a_backup_sends_nothing()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        var fx = h.Shutdown(T.S(1));
        Assert.That(h.State, Is.EqualTo(VrrpState.Stop));
        Assert.That(fx.OfType<SendAdvertisement>(), Is.Empty);
    }

    [Test]
    public void Becoming_master_sends_five_gratuitous_arps_at_once_and_five_more_after_garp_master_delay()
    {
        var h = Master();
        h.RunUntil(T.S(20));
        var garps = h.Effects.Where(e => e.Effect is SendGratuitousArp).Select(e => (e.At.Microseconds, ((SendGratuitousArp)e.Effect).Count)).ToList();
        Assert.That(garps, Is.EqualTo(new[] { (3_609_375L, 5), (8_609_375L, 5) }));
        Assert.That(h.Logs, Does.Contain("Sending gratuitous ARP on eth0 for 10.0.0.100"));
    }

    [Test]
    public void Garp_master_refresh_repeats_gratuitous_arps_periodically()
    {
        var config = RouterHarness.Config() with
        {
            GratuitousArp = GratuitousArpSettings.Default with { MasterDelay = Engine.Time.Duration.Zero, MasterRefresh = Engine.Time.Duration.FromSeconds(10) },
        };
        var h = Master(config: config);
        h.RunUntil(T.S(30));
        var garps = h.Effects.Where(e => e.Effect is SendGratuitousArp).Select(e => e.At.Microseconds).ToList();
        Assert.That(garps, Is.EqualTo(new[] { 3_609_375L, 13_609_375L, 23_609_375L }));
    }

    [Test]
    public void Unicast_peers_get_one_advert_each_instead_of_multicast()
    {
        var config = RouterHarness.Config() with { UnicastPeers = [IPAddress.Parse("10.0.0.12"), IPAddress.Parse("10.0.0.13")] };
        var h = Master(config: config);
        var dests = h.Effects.Where(e => e.At == T.Us(3_609_375)).Select(e => e.Effect).OfType<SendAdvertisement>().Select(a => a.Destination.ToString()).Distinct();
        Assert.That(dests, Is.EquivalentTo(new[] { "10.0.0.12", "10.0.0.13" }));
    }
}
