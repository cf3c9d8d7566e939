namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>Domain section 4, "Startup".</summary>
public sealed class StartupTests
{
    [Test]
    public void Address_owner_with_priority_255_becomes_master_at_once()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 255)).Start();
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.S(0)));
        Assert.That(h.All<AddVirtualAddress>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void State_master_below_255_still_enters_backup_and_waits_one_master_down_interval()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 100, state: InitialState.Master)).Start();
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
        h.AssertBecomesMasterAt(3_609_375);
    }

    [Test]
    public void Backup_becomes_master_after_exactly_one_master_down_interval_of_silence()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 50)).Start(1_000_000);
        h.RunUntil(T.S(10));
        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(1_000_000 + 3_804_687)));
    }

    [Test]
    public void Takeover_sends_an_advert_first_then_enters_master_then_adds_vips_then_sends_gratuitous_arps()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        h.RunUntil(T.S(4));
        var atTakeover = h.Effects.Where(e => e.At == T.Us(3_609_375)).Select(e => e.Effect).ToList();
        int advert = atTakeover.FindIndex(e => e is SendAdvertisement);
        int state = atTakeover.FindIndex(e => e is StateChanged { To: VrrpState.Master });
        int vip = atTakeover.FindIndex(e => e is AddVirtualAddress);
        int garp = atTakeover.FindIndex(e => e is SendGratuitousArp);
        Assert.That(new[] { advert, state, vip, garp }, Is.All.GreaterThanOrEqualTo(0));
        Assert.That(advert, Is.LessThan(state));
        Assert.That(state, Is.LessThan(vip));
        Assert.That(vip, Is.LessThan(garp));
    }

    [Test]
    public void Entering_backup_at_start_logs_keepalived_init_line()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        Assert.That(h.Logs, Does.Contain("(VI_1) Entering BACKUP STATE (init)"));
    }

    [Test]
    public void Startup_delay_ignores_received_packets_until_it_has_passed()
    {
        var config = new RouterConfig { Instances = [RouterHarness.Config(priority: 50)], StartupDelay = Engine.Time.Duration.FromSeconds(5) };
        var h = new RouterHarness(config).Start();
        var early = h.Receive(T.S(1), 100);
        Assert.That(early.OfType<AdvertisementDropped>().Single().Reason, Is.EqualTo(Wire.AdvertDropReason.NotListening));
        h.RunUntil(T.S(5));
        var late = h.Receive(T.S(5), 100);
        Assert.That(late.OfType<AdvertisementAccepted>(), Is.Not.Empty);
    }
}
