namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>
/// Configuration reload (SIGHUP) with keepalived 2.2.7's rules (vrrp.c clear_diff_vrrp and
/// restore_vrrp_state, observed on the Debian package in namespaces; docs/reload-and-tracking.md).
/// </summary>
public sealed class ReloadTests
{
    private static readonly IPAddress SecondVip = IPAddress.Parse("10.0.0.101");

    private static RouterConfig One(VrrpInstanceConfig c) => new() { Instances = [c] };

    /// <summary>A harness whose only instance became MASTER at 3.609 s (priority 100, advert_int 1).</summary>
    private static RouterHarness RunningMaster(VrrpInstanceConfig? c = null)
    {
        var h = new RouterHarness(c ?? RouterHarness.Config()).Start();
        h.RunUntilSeconds(5);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        return h;
    }

    [Test]
    public void A_no_op_reload_keeps_a_master_without_priority_0_vip_change_or_gratuitous_arp_and_advertises_at_once()
    {
        var h = RunningMaster();
        IReadOnlyList<Effect> effects = h.Reload(T.S(5.3), One(RouterHarness.Config()));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        Assert.That(effects.OfType<StateChanged>(), Is.Empty);
        Assert.That(effects.OfType<RemoveVirtualAddress>(), Is.Empty);
        Assert.That(effects.OfType<AddVirtualAddress>(), Is.Empty);
        Assert.That(effects.OfType<SendGratuitousArp>(), Is.Empty);
        Assert.That(effects.OfType<SendAdvertisement>().Select(s => s.Advert.Priority), Is.EqualTo(new byte[] { 100 }));

        // The advert cadence restarts from the reload.
        int before = h.All<SendAdvertisement>().Count();
        h.RunUntilSeconds(6.3);
        var next = h.Effects.Skip(0).Where(e => e.Effect is SendAdvertisement).Select(e => e.At).Last();
        Assert.That(next, Is.EqualTo(T.S(6.3)));
        Assert.That(h.All<SendAdvertisement>().Count(), Is.EqualTo(before + 1));
        Assert.That(h.LastReload!.Instances.Single().Kind, Is.EqualTo(InstanceReloadKind.Continued));

        // keepalived's reload cancels the delayed repeat (garp_master_delay 5 s after the MASTER entry at 3.609 s).
        h.RunUntilSeconds(10);
        Assert.That(h.Effects.Where(e => e.At > T.S(5.3) && e.Effect is SendGratuitousArp), Is.Empty);
    }

    [Test]
    public void A_no_op_reload_gives_a_backup_a_fresh_master_down_interval()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 50)).Start();
        h.Receive(T.S(1), 100);
        h.Reload(T.S(2), One(RouterHarness.Config(priority: 50)));
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(h.Instance.MasterDownDeadline, Is.EqualTo(T.S(2) + h.Instance.MasterDownInterval));
        Assert.That(h.Effects.Where(e => e.At >= T.S(2)).Select(e => e.Effect).OfType<SendAdvertisement>(), Is.Empty);
    }

    [Test]
    public void A_lowered_priority_goes_on_the_wire_at_once_and_a_higher_backup_then_wins()
    {
        var h = RunningMaster();
        IReadOnlyList<Effect> effects = h.Reload(T.S(5.3), One(RouterHarness.Config(priority: 30)));
        Assert.That(effects.OfType<SendAdvertisement>().Single().Advert.Priority, Is.EqualTo(30));
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(30));
        h.Receive(T.S(6), 50);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(h.Effects.Select(e => e.Effect).OfType<SendAdvertisement>().Where(s => s.Advert.Priority == 0), Is.Empty, "never priority 0");
    }

    [Test]
    public void A_renamed_instance_with_the_same_vrid_and_interface_keeps_its_state()
    {
        var h = RunningMaster();
        h.Reload(T.S(5.3), One(RouterHarness.Config() with { Name = "VI_WEB" }));
        Assert.That(h.Instance.Name, Is.EqualTo("VI_WEB"));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        Assert.That(h.LastReload!.Instances.Single().PreviousName, Is.EqualTo("VI_1"));
        Assert.That(h.Logs, Does.Contain("(VI_WEB) kept in MASTER state across the reload (was VI_1)"));
    }

    [Test]
    public void A_removed_master_sends_priority_0_and_removes_its_vips()
    {
        var h = RunningMaster();
        IReadOnlyList<Effect> effects = h.Reload(T.S(5.3), One(RouterHarness.Config() with { Name = "VI_2", VirtualRouterId = 52 }));
        Assert.That(effects.OfType<SendAdvertisement>().Where(s => s.Instance == "VI_1").Select(s => s.Advert.Priority), Is.EqualTo(new byte[] { 0 }));
        Assert.That(effects.OfType<RemoveVirtualAddress>().Single().Address.Address, Is.EqualTo(TestAddresses.Vip));
        Assert.That(effects.OfType<StateChanged>().Select(s => (s.Instance, s.To)), Is.EqualTo(new[] { ("VI_1", VrrpState.Stop), ("VI_2", VrrpState.Backup) }));
        Assert.That(h.LastReload!.Instances.Select(i => (i.Name, i.Kind)), Is.EqualTo(new[] { ("VI_1", InstanceReloadKind.Removed), ("VI_2", InstanceReloadKind.Added) }));
    }

    [Test]
    public void A_removed_backup_leaves_silently()
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 50)).Start();
        h.Receive(T.S(1), 100);
        IReadOnlyList<Effect> effects = h.Reload(T.S(2), One(RouterHarness.Config() with { Name = "VI_2", VirtualRouterId = 52 }));
        Assert.That(effects.OfType<SendAdvertisement>(), Is.Empty);
        Assert.That(effects.OfType<RemoveVirtualAddress>(), Is.Empty);
    }

    [Test]
    public void A_changed_interface_is_a_different_instance_it_leaves_and_the_new_one_starts_as_at_boot()
    {
        var h = RunningMaster();
        IReadOnlyList<Effect> effects = h.Reload(T.S(5.3), One(RouterHarness.Config() with { Interface = "eth1" }));
        Assert.That(effects.OfType<SendAdvertisement>().Single().Advert.Priority, Is.EqualTo(0));
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(h.EnteredAt(VrrpState.Master, T.S(5.3)), Is.Null);
        h.RunUntilSeconds(5.3 + 3.61);
        Assert.That(h.EnteredAt(VrrpState.Master, T.S(5.3)), Is.EqualTo(T.S(5.3) + h.Instance.MasterDownInterval));
    }

    [Test]
    public void A_master_adds_a_new_vip_with_gratuitous_arps_and_drops_a_removed_one()
    {
        var two = RouterHarness.Config() with { VirtualAddresses = [VirtualAddress.Host(TestAddresses.Vip), VirtualAddress.Host(SecondVip)] };
        var h = RunningMaster();
        IReadOnlyList<Effect> added = h.Reload(T.S(5.3), One(two));
        Assert.That(added.OfType<AddVirtualAddress>().Select(a => a.Address.Address), Is.EqualTo(new[] { SecondVip }));
        Assert.That(added.OfType<SendGratuitousArp>().Select(g => g.Address), Is.EquivalentTo(new[] { TestAddresses.Vip, SecondVip }), "keepalived re-announces all of them");
        IReadOnlyList<Effect> dropped = h.Reload(T.S(6.5), One(RouterHarness.Config() with { VirtualAddresses = [VirtualAddress.Host(SecondVip)] }));
        Assert.That(dropped.OfType<RemoveVirtualAddress>().Select(a => a.Address.Address), Is.EqualTo(new[] { TestAddresses.Vip }));
        Assert.That(dropped.OfType<AddVirtualAddress>(), Is.Empty);
        Assert.That(dropped.OfType<SendGratuitousArp>(), Is.Empty);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
    }

    [Test]
    public void A_script_of_the_same_name_keeps_its_result_across_the_reload()
    {
        var script = new TrackedScript("chk", "/bin/true", Duration.FromSeconds(2), Duration.FromSeconds(2), 20, 1, 1, false);
        var c = RouterHarness.Config() with { TrackScripts = [new ScriptTrack("chk")] };
        var config = new RouterConfig { Instances = [c], Scripts = [script] };
        var h = new RouterHarness(config).Start();
        h.Script(T.S(0.1), "chk", ok: true);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(120));
        h.Reload(T.S(1), config);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(120));
        Assert.That(h.Logs, Does.Contain("VRRP_Script(chk) considered successful on reload"));
    }

    [Test]
    public void A_new_weight_0_tracked_interface_that_is_down_puts_a_continued_master_in_fault()
    {
        var h = RunningMaster();
        h.Link(T.S(5.1), "eth1", up: false);
        IReadOnlyList<Effect> effects = h.Reload(T.S(5.3), One(RouterHarness.Config() with { TrackInterfaces = [new InterfaceTrack("eth1")] }));
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
        Assert.That(effects.OfType<SendAdvertisement>().Select(s => s.Advert.Priority), Does.Contain((byte)0));
    }

    [Test]
    public void Reloading_a_stopped_router_is_a_bug()
    {
        var h = RunningMaster();
        h.Shutdown(T.S(6));
        Assert.Throws<InvalidOperationException>(() => h.Router.Reload(T.S(7), One(RouterHarness.Config()), []));
    }
}
