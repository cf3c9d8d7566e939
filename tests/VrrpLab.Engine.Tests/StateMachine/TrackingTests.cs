namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>Domain section 4, "Tracking" and "FAULT".</summary>
public sealed class TrackingTests
{
    private static RouterHarness WithScript(int weight, byte priority = 100, int rise = 1, int fall = 1, bool initFail = false, int? trackWeight = null)
    {
        var script = new TrackedScript("chk_nginx", "/data/shell/check_nginx_status.sh", Duration.FromSeconds(2), Duration.FromSeconds(2), weight, rise, fall, initFail);
        var instance = RouterHarness.Config(priority: priority) with { TrackScripts = [new ScriptTrack("chk_nginx", trackWeight)] };
        return new RouterHarness(new RouterConfig { Instances = [instance], Scripts = [script] });
    }

    [Test]
    public void The_engine_schedules_tracked_scripts_at_their_interval()
    {
        var h = WithScript(weight: 0).Start();
        h.RunUntil(T.S(7));
        var runs = h.Effects.Where(e => e.Effect is RunScript).Select(e => e.At.Microseconds).ToList();
        Assert.That(runs, Is.EqualTo(new long[] { 0, 2_000_000, 4_000_000, 6_000_000 }));
        Assert.That(h.All<RunScript>().First().Command, Is.EqualTo("/data/shell/check_nginx_status.sh"));
    }

    [Test]
    public void Positive_weight_is_added_while_the_script_succeeds()
    {
        var h = WithScript(weight: 20).Start();
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(100), "no weight before the first result");
        h.Script(T.S(0), "chk_nginx", ok: true);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(120));
        h.Script(T.S(2), "chk_nginx", ok: false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(100));
    }

    [Test]
    public void Negative_weight_is_subtracted_while_the_script_fails()
    {
        var h = WithScript(weight: -30).Start();
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(100));
        h.Script(T.S(2), "chk_nginx", ok: false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(70));
        Assert.That(h.Logs, Does.Contain("VRRP_Script(chk_nginx) failed"));
        h.Script(T.S(4), "chk_nginx", ok: true);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(100));
        Assert.That(h.Logs, Does.Contain("VRRP_Script(chk_nginx) succeeded"));
    }

    [Test]
    public void Track_script_weight_overrides_the_script_weight()
    {
        var h = WithScript(weight: -30, trackWeight: -60).Start();
        h.Script(T.S(2), "chk_nginx", ok: false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(40));
    }

    [TestCase(250, 20, 254)]
    [TestCase(10, -30, 1)]
    public void Effective_priority_is_clamped_to_1_to_254(int priority, int weight, int expected)
    {
        var h = WithScript(weight: weight, priority: (byte)priority).Start();
        h.Script(T.S(2), "chk_nginx", ok: weight > 0);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(expected));
    }

    [Test]
    public void The_address_owner_ignores_weights()
    {
        var h = WithScript(weight: -50, priority: 255).Start();
        h.Script(T.S(2), "chk_nginx", ok: false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(255));
    }

    [Test]
    public void Fall_needs_that_many_consecutive_failures_and_rise_that_many_successes()
    {
        var h = WithScript(weight: -30, rise: 2, fall: 3).Start();
        h.Script(T.S(0), "chk_nginx", true);
        h.Script(T.S(2), "chk_nginx", false);
        h.Script(T.S(4), "chk_nginx", false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(100));
        h.Script(T.S(6), "chk_nginx", false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(70));
        h.Script(T.S(8), "chk_nginx", true);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(70));
        h.Script(T.S(10), "chk_nginx", true);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(100));
    }

    [Test]
    public void A_weight_zero_script_holds_the_instance_in_init_until_its_first_result()
    {
        var h = WithScript(weight: 0).Start();
        Assert.That(h.State, Is.EqualTo(VrrpState.Init));
        h.Script(T.S(0.05), "chk_nginx", ok: true);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(h.Instance.MasterDownDeadline, Is.EqualTo(T.Us(50_000 + 3_609_375)), "the down timer starts when INIT is left");
    }

    [Test]
    public void The_first_result_decides_at_once_whatever_fall_is()
    {
        var h = WithScript(weight: 0, fall: 3).Start();
        h.Script(T.S(0), "chk_nginx", ok: false);
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
    }

    [Test]
    public void Init_fail_starts_the_script_failed_so_a_weight_zero_instance_starts_in_fault()
    {
        var h = WithScript(weight: 0, initFail: true).Start();
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
        h.Script(T.S(2), "chk_nginx", true);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
    }

    [Test]
    public void Weight_zero_script_failure_puts_a_master_in_fault_sending_priority_zero_twice_and_removing_vips()
    {
        var h = WithScript(weight: 0).Start();
        h.Script(T.S(0), "chk_nginx", ok: true);
        h.RunUntil(T.S(4));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        var fx = h.Script(T.S(5), "chk_nginx", ok: false);
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
        Assert.That(fx.OfType<SendAdvertisement>().Select(a => a.Advert.Priority), Is.EqualTo(new byte[] { 0, 0 }));
        Assert.That(fx.OfType<RemoveVirtualAddress>().Count(), Is.EqualTo(1));
        Assert.That(h.Logs, Does.Contain("(VI_1) Entering FAULT STATE"));
    }

    [Test]
    public void Leaving_fault_goes_to_backup_with_a_fresh_master_down_interval()
    {
        var h = WithScript(weight: 0).Start();
        h.Script(T.S(1), "chk_nginx", ok: false);
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
        h.Script(T.S(10), "chk_nginx", ok: true);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(h.Instance.MasterDownDeadline, Is.EqualTo(T.Us(10_000_000 + 3_609_375)));
    }

    [Test]
    public void Packets_are_ignored_in_fault()
    {
        var h = WithScript(weight: 0).Start();
        h.Script(T.S(1), "chk_nginx", ok: false);
        var fx = h.Receive(T.S(2), 200);
        Assert.That(fx.OfType<AdvertisementDropped>().Single().Reason, Is.EqualTo(Wire.AdvertDropReason.NotListening));
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
    }

    [Test]
    public void Own_interface_down_is_a_fault_and_up_again_returns_to_backup()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        h.Link(T.S(1), "eth0", up: false);
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
        h.Link(T.S(2), "eth0", up: true);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
    }

    [Test]
    public void Tracked_interface_with_weight_zero_down_is_a_fault_and_with_a_negative_weight_lowers_priority()
    {
        var fault = new RouterHarness(RouterHarness.Config() with { TrackInterfaces = [new InterfaceTrack("eth1")] }).Start();
        fault.Link(T.S(1), "eth1", up: false);
        Assert.That(fault.State, Is.EqualTo(VrrpState.Fault));

        var weighted = new RouterHarness(RouterHarness.Config() with { TrackInterfaces = [new InterfaceTrack("eth1", -20)] }).Start();
        weighted.Link(T.S(1), "eth1", up: false);
        Assert.That(weighted.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(weighted.Instance.EffectivePriority, Is.EqualTo(80));
    }

    [Test]
    public void Notify_scripts_run_on_state_changes_and_notify_gets_instance_name_state_and_priority()
    {
        var config = RouterHarness.Config() with { Notify = new NotifyScripts(Master: "/etc/keepalived/master.sh", Generic: "/etc/keepalived/notify.sh") };
        var h = new RouterHarness(config).Start();
        h.RunUntil(T.S(4));
        var notes = h.All<RunNotify>().ToList();
        Assert.That(notes.Any(n => n.Command == "/etc/keepalived/master.sh"), Is.True);
        Assert.That(notes.Where(n => n.Command == "/etc/keepalived/notify.sh").Select(n => string.Join(' ', n.Arguments)),
            Is.EqualTo(new[] { "INSTANCE VI_1 BACKUP 100", "INSTANCE VI_1 MASTER 100" }));
    }
}
