namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>
/// The network and host model, checked against domain.md's timer formulas (v2: Skew = (256 - p) / 256 s,
/// MDI = 3 x interval + Skew; the engine keeps integer microseconds, so Skew(50) = 804687us).
/// </summary>
public class NetworkModelTests
{
    private const long Skew50 = 804_687;
    private const long Mdi50 = 3_000_000 + Skew50;

    private static SimulationResult Run(Scenario s) => new Simulator(s, new SimulationOptions { Recording = RecordingLevel.Full }).Run();

    private static long FirstMaster(SimulationResult r, string node, long after = 0) =>
        r.History.States.First(s => s.Node == node && s.To == VrrpState.Master && s.TimeUs >= after).TimeUs;

    [Test]
    public void Segment_latency_delays_the_priority_0_advert_before_the_backup_skew_starts()
    {
        var lan = SegmentSpec.DefaultLan with { Latency = Duration.FromMilliseconds(5) };
        SimulationResult r = Run(TwoNodes(S(20), [At(10, new StopAction(Names("node1")))], lan));
        Assert.That(FirstMaster(r, "node2"), Is.EqualTo(10_000_000 + 5_000 + Skew50));
    }

    [Test]
    public void Loss_drops_about_its_rate_of_packets_with_a_fixed_seed()
    {
        var lan = SegmentSpec.DefaultLan with { Loss = new Rate(300_000) };
        SimulationResult r = Run(TwoNodes(S(600), segment: lan));
        int sent = r.Trace.Count(e => e.Kind == TraceKind.AdvertTx);
        int lost = r.Trace.Count(e => e.Kind == TraceKind.PacketLost && e.Reason == "loss");
        // Each advert has one receiver; 30% of ~600 with sd ~11: a wide, seed-independent band.
        Assert.That(lost, Is.InRange(sent * 30 / 100 - 60, sent * 30 / 100 + 60), $"{lost} of {sent}");
        Assert.That(r.Trace.Count(e => e.Kind == TraceKind.AdvertRx), Is.EqualTo(sent - lost));
    }

    [Test]
    public void A_partition_makes_both_masters_and_healing_leaves_the_higher_priority_one()
    {
        SimulationResult r = Run(TwoNodes(S(40), [At(10, new PartitionAction([Names("node1"), Names("node2")])), At(30, new HealAction())]));
        Assert.That(r.History.StateAt("node2", "VI_1", 20_000_000), Is.EqualTo(VrrpState.Master));
        Assert.That(r.History.StateAt("node1", "VI_1", 20_000_000), Is.EqualTo(VrrpState.Master));
        InstanceInfo a = r.History.Instances[0];
        InstanceInfo b = r.History.Instances[1];
        Assert.That(r.History.CanReach(a, b, 20_000_000), Is.False, "partitioned: the split brain is not a single_master violation");
        Assert.That(r.History.StateAt("node2", "VI_1", 32_000_000), Is.EqualTo(VrrpState.Backup));
        var overlap = ExpectationEvaluator.BothMaster(a, b, r.History);
        Assert.That(overlap, Is.Empty.Or.All.Matches<(long Start, long End)>(o => o.End - o.Start <= 1_000_000));
    }

    [Test]
    public void A_crash_removes_the_vips_at_once_and_the_backup_waits_a_full_master_down_interval()
    {
        SimulationResult r = Run(TwoNodes(S(20), [At(10.5, new CrashAction(Names("node1")))]));
        VipRecord del = r.History.Vips.Single(v => !v.Added);
        Assert.That((del.TimeUs, del.Node, del.Cause), Is.EqualTo((10_500_000L, "node1", "host down")));
        // node1's last advert left at 3.609375s + 6 x 1s and arrived 100us later; node2's timer = MDI(50).
        Assert.That(FirstMaster(r, "node2"), Is.EqualTo(9_609_375 + 100 + Mdi50));
        Assert.That(r.History.StateAt("node1", "VI_1", 11_000_000), Is.EqualTo(VrrpState.Stop));
    }

    [Test]
    public void The_client_outage_after_a_crash_runs_from_the_crash_to_the_new_masters_gratuitous_arp()
    {
        SimulationResult r = Run(TwoNodes(S(20), [At(10.5, new CrashAction(Names("node1")))]));
        ClientView v = r.History.Clients.Single();
        long takeover = FirstMaster(r, "node2");
        Assert.That(v.FirstAcquiredUs, Is.EqualTo(3_609_375));
        // Its GARP arrives 100us after the takeover; node2, which never held the VIP, then resolves the
        // client (its request and the client's reply, 2 x 100us) before it answers.
        Assert.That(v.Outages[^1], Is.EqualTo((10_500_000L, takeover + 100 + 200)));
    }

    [Test]
    public void After_a_kill_the_stale_vip_keeps_answering_until_the_new_master_announces_itself()
    {
        SimulationResult r = Run(TwoNodes(S(20), [At(10.5, new KillAction(Names("node1")))]));
        Assert.That(r.History.Vips.Where(v => !v.Added), Is.Empty, "SIGKILL leaves the VIP on node1");
        ClientView v = r.History.Clients.Single();
        // The client still reaches node1 until node2's GARP moves it; node2 answers once it has resolved the client (2 x 100us).
        long garp = FirstMaster(r, "node2") + 100;
        Assert.That(v.Outages.Where(o => o.Start >= 10_000_000), Is.EqualTo(new[] { (garp, garp + 200) }));
        Assert.That(r.Trace.Any(e => e.Kind == TraceKind.ClientArp && e.Peer == "node2" && e.TimeUs == FirstMaster(r, "node2") + 100));
        Verdict vip = ExpectationEvaluator.Evaluate(new VipOnlyOnMasterExpectation(), r.History);
        Assert.That(vip.Passed, Is.False);
        Assert.That(vip.Evidence, Does.Contain("node1:eth0 while VI_1 there was STOP, from 10.5s"));
    }

    [Test]
    public void A_paused_master_loses_the_vip_and_takes_it_back_when_thawed()
    {
        SimulationResult r = Run(TwoNodes(S(30), [At(10.5, new PauseAction("node1", S(10)))]));
        long takeover = FirstMaster(r, "node2");
        Assert.That(takeover, Is.EqualTo(9_609_375 + 100 + Mdi50));
        Assert.That(r.History.StatesOf("node2", "VI_1").Select(s => s.To), Is.EqualTo(new[] { VrrpState.Backup, VrrpState.Master, VrrpState.Backup }));
        Assert.That(r.History.StatesOf("node2", "VI_1")[^1].TimeUs, Is.GreaterThanOrEqualTo(20_500_000));
    }

    [Test]
    public void A_backup_whose_clock_runs_twice_as_fast_times_out_in_half_the_real_time()
    {
        SimulationResult r = Run(TwoNodes(S(20), [At(0, new DriftAction("node2", new ClockRate(2, 1)))]));
        // Both start at 0s; node2's MDI(50) of local time elapses at the first real microsecond that
        // shows it, ceil(3804687 / 2), before node1's MDI(100) of 3.609375s: the fast clock wins.
        Assert.That(FirstMaster(r, "node2"), Is.EqualTo((Mdi50 + 1) / 2));
    }

    [Test]
    public void A_failed_script_result_from_the_timeline_reaches_the_engine()
    {
        var inst = Instance(100) with { TrackScripts = [new Engine.Configuration.ScriptTrack("chk")] };
        Scenario s = TwoNodes(S(20), [At(10, new ScriptAction("node1", "chk", false))]);
        s = s with
        {
            Nodes = [s.Nodes[0] with { Config = new Engine.Configuration.RouterConfig { Instances = [inst], Scripts = [Engine.Configuration.TrackedScript.WithDefaults("chk", "/bin/true")] } }, s.Nodes[1]],
        };
        SimulationResult r = Run(s);
        Assert.That(r.History.StatesOf("node1", "VI_1").Select(x => x.To), Does.Contain(VrrpState.Fault));
        Assert.That(r.History.StateAt("node2", "VI_1", 15_000_000), Is.EqualTo(VrrpState.Master));
    }

    [Test]
    public void A_thawed_backup_runs_its_overdue_timer_first_then_reads_the_queued_adverts()
    {
        SimulationResult r = Run(TwoNodes(S(30), [At(10.5, new PauseAction("node2", S(10)))]));
        StateRecord[] node2 = [.. r.History.StatesOf("node2", "VI_1")];
        Assert.That(node2.Select(x => x.To), Is.EqualTo(new[] { VrrpState.Backup, VrrpState.Master, VrrpState.Backup }), "a false takeover on waking");
        Assert.That(node2[1].TimeUs, Is.EqualTo(20_500_000), "the overdue down timer fires the instant the pause ends");
        Assert.That(node2[2].TimeUs, Is.EqualTo(20_500_000), "then the queued adverts from the higher-priority master send it back");
        Assert.That(r.History.StateAt("node1", "VI_1", 29_000_000), Is.EqualTo(VrrpState.Master));
    }

    [Test]
    public void A_crashed_host_restarted_by_start_comes_back_as_backup_and_preempts()
    {
        SimulationResult r = Run(TwoNodes(S(40), [At(10.5, new CrashAction(Names("node1"))), At(20, new StartAction(Names("node1")))]));
        Assert.That(r.History.StatesOf("node1", "VI_1").Select(x => x.To), Is.EqualTo(new[] { VrrpState.Backup, VrrpState.Master, VrrpState.Stop, VrrpState.Backup, VrrpState.Master }));
        Assert.That(r.Trace.Any(e => e.Kind == TraceKind.Host && e.Node == "node1" && e.Detail == "up" && e.TimeUs == 20_000_000));
        // Back at 20s, node1 discards node2's lower-priority adverts and takes over after its own MDI(100).
        Assert.That(r.History.StatesOf("node1", "VI_1")[^1].TimeUs, Is.EqualTo(20_000_000 + 3_609_375));
        Assert.That(ExpectationEvaluator.VipMoves(System.Net.IPAddress.Parse("10.0.0.100"), r.History), Has.Count.EqualTo(2));
    }
}
