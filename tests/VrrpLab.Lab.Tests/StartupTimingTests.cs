namespace VrrpLab.Lab.Tests;

/// <summary>
/// Start-ups timed on the wire (no root: recorded observations only). The seed article's files (VRID
/// 151, v2, advert_int 5): server1 (priority 100, nopreempt) has a master-down interval of 15.609375 s,
/// server2 (50) 15.804687 s; health-check-fault (VRID 51, advert_int 1): node1 (100, preemptive) 3.609375 s,
/// node2 (50) 3.804687 s.
/// </summary>
public class StartupTimingTests
{
    private const long Mdi1 = 15_609_375;
    private const long Mdi2 = 15_804_687;

    private static readonly SimulationOptions Keepalived = new() { Implementation = NodeImplementation.Keepalived };

    private const long HcMdi1 = 3_609_375;
    private const long HcMdi2 = 3_804_687;

    private static Scenario NearSimultaneous => LabPaths.Load("seed-article-near-simultaneous-start");

    private static Scenario HealthCheck => LabPaths.Load("health-check-fault");

    /// <summary>
    /// The start-up of server1 of the near-simultaneous start, started as <paramref name="start"/>, whose
    /// timers started at <paramref name="timersUs"/>: its first advert as MASTER is one MDI later.
    /// </summary>
    private static MeasuredStartup Server1(ObservedStart start, long timersUs, params JoinSighting[] joins) =>
        StartupTiming.Time(NearSimultaneous, Keepalived, [start], [new(timersUs + Mdi1, "server1", 151, 100)], joins).Single();

    [Test]
    public void The_own_timer_delay_is_the_master_down_interval_of_each_node()
    {
        Assert.That(StartupTiming.OwnTimerDelays(NearSimultaneous, Keepalived, "server1")[151], Is.EqualTo(Mdi1));
        Assert.That(StartupTiming.OwnTimerDelays(NearSimultaneous, Keepalived, "server2")[151], Is.EqualTo(Mdi2));
        Assert.That(StartupTiming.OwnTimerDelays(HealthCheck, Keepalived, "node1")[51], Is.EqualTo(HcMdi1), "a tracked script that succeeds changes nothing");
    }

    [Test]
    public void A_master_on_its_own_timer_is_timed_by_its_first_advert_not_by_its_late_log_line()
    {
        // server1 exec'd at 0.1 s; its BACKUP line was read at 0.180 s, 40 ms after its timers really started (0.140 s).
        ObservedStart[] starts = [new("server1", 0, 100_000, 101_000, 180_000)];
        WireSighting[] wire = [new(140_000 + Mdi1, "server1", 151, 100), new(140_000 + Mdi1 + 5_000_000, "server1", 151, 100)];
        MeasuredStartup s = StartupTiming.Time(NearSimultaneous, Keepalived, starts, wire).Single();
        Assert.That(s.StartupUs, Is.EqualTo(40_000));
        Assert.That(s.Timing, Does.StartWith("wire: first advert as MASTER (vrid 151) at 15.749375s minus its own-timer delay 15.609375s; its first state line +40.0ms"));
    }

    [Test]
    public void A_daemon_that_arms_its_timers_after_its_log_line_is_timed_by_the_wire_too()
    {
        // keepalived logs its BACKUP entry, then arms its timers (tens of ms later on a busy machine).
        Assert.That(Server1(new("server1", 0, 0, 1_000, 100_000), timersUs: 254_000).StartupUs, Is.EqualTo(254_000));
    }

    [Test]
    public void A_node_that_heard_a_master_before_its_own_advert_keeps_its_log_timing()
    {
        // server2 (50) hears server1 (100) 40 ms after its exec, then server1 goes quiet: server2's first
        // advert is one MDI after what it heard, which would put its start-up within its log line's reach.
        ObservedStart[] starts = [new("server2", 0, 0, 2_000, 50_000)];
        WireSighting[] wire = [new(40_000, "server1", 151, 100), new(40_000 + Mdi2 + 100, "server2", 151, 50)];
        MeasuredStartup s = StartupTiming.Time(NearSimultaneous, Keepalived, starts, wire).Single();
        Assert.That(s.StartupUs, Is.EqualTo(50_000));
        Assert.That(s.Timing, Is.EqualTo("log: first state line"));
    }

    [Test]
    public void Lower_priority_adverts_do_not_stop_a_preemptive_node_from_being_timed_on_the_wire()
    {
        // A start race: node2 won, node1 (preemptive, 100) ignored its adverts and took over on its own timer.
        ObservedStart[] starts = [new("node2", 0, 0, 1_000, 1_450_000), new("node1", 0, 0, 1_000, 1_700_000)];
        WireSighting[] wire = [new(1_400_000 + HcMdi2, "node2", 51, 50), new(1_650_000 + HcMdi1, "node1", 51, 100)];
        IReadOnlyList<MeasuredStartup> t = StartupTiming.Time(HealthCheck, Keepalived, starts, wire);
        Assert.That(t.Select(s => (s.Node, s.StartupUs)), Is.EqualTo(new[] { ("node2", (long?)1_400_000), ("node1", (long?)1_650_000) }));
        Assert.That(t.Select(s => s.Timing), Is.All.StartsWith("wire: "));
    }

    [Test]
    public void A_node_that_stays_backup_is_timed_by_its_report_joining_the_vrrp_group()
    {
        // server2 exec'd at 2 ms, joined 224.0.0.18 at 31 ms (its socket open), its BACKUP line read at 95 ms;
        // it hears server1's adverts and never goes MASTER: no advert of its own to time it by.
        ObservedStart[] starts = [new("server2", 0, 0, 2_000, 95_000)];
        WireSighting[] wire = [new(900_000, "server1", 151, 100)];
        JoinSighting[] joins = [new(31_000, "server2"), new(640_000, "server2"), new(20_000, "server1")];
        MeasuredStartup s = StartupTiming.Time(NearSimultaneous, Keepalived, starts, wire, joins).Single();
        Assert.That(s.StartupUs, Is.EqualTo(31_000), "the first report after the exec; the kernel's repeat and server1's do not count");
        Assert.That(s.Timing, Is.EqualTo("wire: report joining the VRRP group at 0.031s; its first state line +64.0ms"));
    }

    [Test]
    public void A_first_advert_as_master_times_a_start_up_before_the_join_does()
    {
        MeasuredStartup s = Server1(new("server1", 0, 0, 1_000, 100_000), timersUs: 40_000, new JoinSighting(30_000, "server1"));
        Assert.That(s.StartupUs, Is.EqualTo(40_000));
        Assert.That(s.Timing, Does.EndWith("; its first state line +60.0ms; its join report -10.0ms"), "the join's offset from the timers is in the evidence");
    }

    [Test]
    public void A_join_before_the_exec_after_the_log_line_or_after_a_fault_does_not_time_the_start()
    {
        JoinSighting[] joins = [new(50_000, "server2")];
        Assert.That(StartupTiming.Time(NearSimultaneous, Keepalived, [new("server2", 0, 0, 60_000, 90_000)], [], joins).Single().Timing, Is.EqualTo("log: first state line"), "before the exec");
        Assert.That(StartupTiming.Time(NearSimultaneous, Keepalived, [new("server2", 0, 0, 1_000, 20_000)], [], [new(20_000 + StartupTiming.LogSlackUs + 1, "server2")]).Single().Timing,
            Is.EqualTo("log: first state line"), "too long after its state line");
        Assert.That(StartupTiming.Time(NearSimultaneous, Keepalived, [new("server2", 0, 0, 1_000, 30_000, FirstFaultUs: 30_000)], [], [new(400_000, "server2")]).Single().Timing,
            Is.EqualTo("log: first state line"), "its interface came up after a FAULT entry");
    }

    [Test]
    public void A_restarted_node_is_timed_by_the_join_of_each_start()
    {
        ObservedStart[] starts = [new("server2", 0, 0, 1_000, 90_000), new("server2", 1, 30_000_000, 30_001_000, 30_080_000)];
        JoinSighting[] joins = [new(25_000, "server2"), new(30_022_000, "server2")];
        Assert.That(StartupTiming.Time(NearSimultaneous, Keepalived, starts, [], joins).Select(s => s.StartupUs), Is.EqualTo(new long?[] { 25_000, 22_000 }));
    }

    [Test]
    public void A_start_that_went_through_fault_first_keeps_its_log_timing()
    {
        Assert.That(Server1(new("server1", 0, 0, 1_000, 60_000, FirstFaultUs: 60_000), timersUs: 100_000).Timing, Is.EqualTo("log: first state line"));
    }

    [Test]
    public void A_wire_start_up_before_the_exec_is_refused()
    {
        Assert.That(Server1(new("server1", 0, 0, 300_000, 350_000), timersUs: 200_000).StartupUs, Is.EqualTo(350_000));
    }

    [Test]
    public void The_replay_with_wire_start_ups_reproduces_a_start_race_the_log_lines_get_wrong()
    {
        // Real: server2's timers started 300 ms before server1's (more than the 195 ms MDI difference), so it
        // went MASTER and server1 (nopreempt) stayed BACKUP. The log lines (server2's read 250 ms late) put
        // server1's start 30 ms before server2's: the replay from them predicts server1 wins.
        Scenario sc = NearSimultaneous;
        ObservedStart[] starts = [new("server2", 0, 0, 1_000, 550_000), new("server1", 0, 100_000, 101_000, 520_000)];
        WireSighting[] wire = [new(300_000 + Mdi2, "server2", 151, 50), new(300_000 + Mdi2 + 5_000_000, "server2", 151, 50)];
        IReadOnlyList<MeasuredStartup> timed = StartupTiming.Time(sc, Keepalived, starts, wire);

        VrrpState[] Server2(IEnumerable<(string Node, long? Us)> startups)
        {
            var delays = startups.ToDictionary(s => s.Node, s => (IReadOnlyList<long>)[s.Us!.Value], StringComparer.Ordinal);
            SimulationResult r = new Simulator(sc, Keepalived with { StartupDelaysUs = delays }).Run();
            return [.. r.History.StatesOf("server2", "VI_1").Select(s => s.To)];
        }

        Assert.That(Server2(starts.Select(s => (s.Node, (long?)(s.FirstLineUs!.Value - s.DueUs)))), Is.EqualTo(new[] { VrrpState.Backup }), "log start-ups");
        Assert.That(Server2(timed.Select(s => (s.Node, s.StartupUs))), Is.EqualTo(new[] { VrrpState.Backup, VrrpState.Master }), "wire start-ups");
        Assert.That(timed.Select(s => s.Timing[..5]), Is.EqualTo(new[] { "wire:", "log: " }), "server1 heard server2 first: its own start-up stays from its log line");
    }
}
