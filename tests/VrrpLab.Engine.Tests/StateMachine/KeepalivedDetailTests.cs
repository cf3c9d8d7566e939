namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>keepalived 2.2.x details where domain.md is silent (vrrp.c, vrrp_scheduler.c, vrrp_sync.c).</summary>
public sealed class KeepalivedDetailTests
{
    private static RouterHarness Master(VrrpInstanceConfig? config = null)
    {
        var h = new RouterHarness(config ?? RouterHarness.Config()).Start();
        h.RunUntil(T.S(4));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        return h;
    }

    [Test]
    public void Startup_delay_keeps_a_backup_from_timing_out_before_the_delay_plus_one_master_down_interval()
    {
        var config = new RouterConfig { Instances = [RouterHarness.Config()], StartupDelay = Duration.FromSeconds(10) };
        var h = new RouterHarness(config).Start();
        h.RunUntil(T.S(20));
        Assert.That(h.EnteredAt(VrrpState.Master), Is.EqualTo(T.Us(10_000_000 + 3_609_375)));
        Assert.That(h.Logs, Does.Contain("Delaying startup for 10 seconds"));
    }

    [Test]
    public void A_masters_advert_timer_restarts_after_any_packet_for_its_vrid_even_a_dropped_one()
    {
        var h = Master();
        h.Receive(T.S(4.2), 200, interval: Duration.FromSeconds(2));
        h.RunUntil(T.S(5.5));
        var sent = h.Effects.Where(e => e.Effect is SendAdvertisement && e.At > T.S(4.2)).Select(e => e.At).ToList();
        Assert.That(sent, Is.EqualTo(new[] { T.S(5.2) }));
    }

    [Test]
    public void Lower_priority_answer_repeats_its_gratuitous_arps_after_the_default_five_seconds()
    {
        var h = Master(RouterHarness.Config() with { GratuitousArp = GratuitousArpSettings.Default with { MasterDelay = Duration.Zero } });
        h.Receive(T.S(5), 50);
        h.RunUntil(T.S(11));
        var garps = h.Effects.Where(e => e.Effect is SendGratuitousArp && e.At >= T.S(5)).Select(e => e.At).ToList();
        Assert.That(garps, Is.EqualTo(new[] { T.S(5), T.S(10) }));
    }

    [Test]
    public void Every_gratuitous_arp_packet_gets_its_own_log_line_after_one_queueing_line()
    {
        var h = Master();
        var lines = h.Effects.Where(e => e.At == T.Us(3_609_375)).Select(e => e.Effect).OfType<LogLine>().Select(l => l.Text).ToList();
        Assert.That(lines.Count(l => l == "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 10.0.0.100"), Is.EqualTo(1));
        Assert.That(lines.Count(l => l == "Sending gratuitous ARP on eth0 for 10.0.0.100"), Is.EqualTo(5));
    }

    [Test]
    public void Equal_priority_takeover_by_address_logs_keepalived_wording()
    {
        var h = Master();
        h.Receive(T.S(5), 100, IPAddress.Parse("10.0.0.12"));
        Assert.That(h.Logs, Does.Contain("(VI_1) Master received advert from 10.0.0.12 with same priority 100 but higher IP address than ours"));
    }

    [Test]
    public void A_vip_list_mismatch_is_logged_once_and_the_advert_still_counts()
    {
        var h = new RouterHarness(RouterHarness.Config()).Start();
        var advert = new Advertisement(VrrpVersion.V2, 51, 200, Duration.FromSeconds(1), [IPAddress.Parse("10.0.0.200")]);
        byte[] bytes = AdvertisementCodec.Encode(advert, TestAddresses.Peer, TestAddresses.Group, V3ChecksumForm.PseudoHeader);
        var first = h.ReceiveRaw(T.S(1), bytes, TestAddresses.Peer);
        h.ReceiveRaw(T.S(2), bytes, TestAddresses.Peer);
        Assert.That(first.OfType<AdvertisementAccepted>(), Is.Not.Empty);
        Assert.That(h.Logs.Count(l => l.Contains("not present in MASTER advert : 10.0.0.100", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Backup_leaving_master_logs_entering_backup_before_removing_vips()
    {
        var h = Master();
        h.Receive(T.S(5), 200);
        var lines = h.Logs.ToList();
        Assert.That(lines.IndexOf("(VI_1) Entering BACKUP STATE"), Is.LessThan(lines.IndexOf("(VI_1) removing VIPs.")));
    }

    [Test]
    public void Sync_group_logs_syncing_lines_and_runs_group_notify_with_group_name_and_state()
    {
        var a = RouterHarness.Config() with { Name = "VI_1" };
        var b = RouterHarness.Config() with { Name = "VI_2", Interface = "eth1", VirtualRouterId = 52 };
        var group = new SyncGroupConfig("G1", ["VI_1", "VI_2"]) { Notify = new NotifyScripts(Generic: "/etc/keepalived/group.sh") };
        var h = new RouterHarness(new RouterConfig { Instances = [a, b], SyncGroups = [group] }).Start();
        h.RunUntil(T.S(4));
        Assert.That(h.Logs, Does.Contain("VRRP_Group(G1) Syncing instances to MASTER state"));
        var notes = h.All<RunNotify>().Where(n => n.Command == "/etc/keepalived/group.sh").Select(n => string.Join(' ', n.Arguments)).ToList();
        Assert.That(notes, Is.EqualTo(new[] { "GROUP G1 BACKUP", "GROUP G1 MASTER" }));
    }
}
