namespace VrrpLab.Sim.Tests.Events;

/// <summary>The typed event log is the seam: the history, the evaluator and the writers all read it.</summary>
public class EventLogTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.100");

    private static IEnumerable<string> ShippedScenarios() =>
        Directory.GetFiles(RepoPaths.Scenarios, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static Scenario Load(string path)
    {
        ScenarioLoadResult l = ScenarioLoader.LoadFile(path);
        Assert.That(l.Succeeded, Is.True, string.Join("\n", l.Errors));
        return l.Scenario!;
    }

    private static string Verdicts(Scenario s, SimHistory h) =>
        string.Join("\n", s.Expectations.Select(e => ExpectationEvaluator.Evaluate(e, h)).Select(v => $"{v.Passed} {v.Description}: {v.Evidence}"));

    [Test]
    public void Every_shipped_scenario_gets_the_same_verdicts_at_every_recording_level()
    {
        foreach (string f in ShippedScenarios())
        {
            Scenario s = Load(f);
            string full = Verdicts(s, new Simulator(s, new SimulationOptions { Recording = RecordingLevel.Full }).Run().History);
            Assert.That(Verdicts(s, new Simulator(s, new SimulationOptions { Recording = RecordingLevel.Changes }).Run().History), Is.EqualTo(full), f);
            SimulationResult none = new Simulator(s, new SimulationOptions { Recording = RecordingLevel.None }).Run();
            Assert.That(Verdicts(s, none.History), Is.EqualTo(full), f);
            Assert.That(none.Log.All(e => EventLog.IsHistory(e.Kind)), Is.True, f + ": level None keeps only the history's events");
        }
    }

    [Test]
    public void A_history_rebuilt_from_the_simulators_log_alone_gives_the_same_verdicts()
    {
        foreach (string f in ShippedScenarios())
        {
            Scenario s = Load(f);
            SimulationResult r = new Simulator(s).Run();
            SimHistory rebuilt = SimHistory.FromLog(RunLayout.Of(s), [.. r.Log], r.EndUs);
            Assert.That(Verdicts(s, rebuilt), Is.EqualTo(Verdicts(s, r.History)), f);
        }
    }

    /// <summary>A log written by hand, as the lab writes one from observations: no simulator involved.</summary>
    [Test]
    public void The_evaluator_judges_a_log_that_no_simulator_wrote()
    {
        Scenario s = TestScenarios.TwoNodes(Duration.FromSeconds(30), [TestScenarios.At(10, new StopAction(["node1"]))]);
        RunEvent[] log =
        [
            new ActionRecord(0, new StartAction(["node1", "node2"])) { LatenessUs = 120 },
            new StateRecord(61_000, "node1", "VI_1", 51, VrrpState.Init, VrrpState.Backup, "init") { Timing = "log line" },
            new StateRecord(75_000, "node2", "VI_1", 51, VrrpState.Init, VrrpState.Backup, "init") { Timing = "log line" },
            new StateRecord(3_670_400, "node1", "VI_1", 51, VrrpState.Backup, VrrpState.Master, "master down timer") { Timing = "wire: first advert as MASTER" },
            new VipRecord(3_670_900, "node1", "VI_1", "eth0", Vip, true, "rtnetlink"),
            new ClientArpRecord(3_671_000, "lan", Vip, "node1", "eth0", "neighbour entry"),
            new ReachRecord(3_671_000, "lan", Vip, "node1", true),
            new ActionRecord(10_001_200, new StopAction(["node1"])) { LatenessUs = 1_200 },
            new VipRecord(10_002_000, "node1", "VI_1", "eth0", Vip, false, "rtnetlink"),
            new ReachRecord(10_002_000, "lan", Vip, "node1", false),
            new StateRecord(10_002_100, "node1", "VI_1", 51, VrrpState.Master, VrrpState.Stop, "stopped") { Timing = "wire: priority-0 advert" },
            new StateRecord(10_809_300, "node2", "VI_1", 51, VrrpState.Backup, VrrpState.Master, "master down timer") { Timing = "wire: first advert as MASTER" },
            new VipRecord(10_809_500, "node2", "VI_1", "eth0", Vip, true, "rtnetlink"),
            new ClientArpRecord(10_809_700, "lan", Vip, "node2", "eth0", "neighbour entry"),
            new ReachRecord(10_809_700, "lan", Vip, "node2", true),
        ];
        SimHistory h = SimHistory.FromLog(RunLayout.Of(s), log, 30_000_000);

        Verdict takeover = ExpectationEvaluator.Evaluate(new TakeoverExpectation("node2", Duration.FromSeconds(10), Duration.FromMilliseconds(800), Duration.FromMilliseconds(810)), h);
        Assert.That(takeover.Passed, Is.True, takeover.Evidence);
        Assert.That(takeover.Evidence, Is.EqualTo("node2 became MASTER at 10.8093s (0.8093s after 10s), expected within [10.8s, 10.81s]"));

        Verdict outage = ExpectationEvaluator.Evaluate(new OutageExpectation(Duration.FromMilliseconds(800), Duration.FromSeconds(5)), h);
        Assert.That(outage.Passed, Is.False);
        Assert.That(outage.Evidence, Does.StartWith("longest outage 0.8077s from 10.002s to 10.8097s"));

        Verdict transitions = ExpectationEvaluator.Evaluate(new TransitionsExpectation([new NodeTransitions("node1", [VrrpState.Backup, VrrpState.Master, VrrpState.Stop])]), h);
        Assert.That(transitions.Passed, Is.True, transitions.Evidence);
        Assert.That(h.ClientOf("lan", Vip)!.FirstAcquiredUs, Is.EqualTo(3_670_900));
    }

    [Test]
    public void Partitions_links_and_hosts_in_the_log_make_the_topology()
    {
        Scenario s = TestScenarios.TwoNodes(Duration.FromSeconds(30));
        RunEvent[] log =
        [
            new ActionRecord(5_000_000, new PartitionAction([["node1"], ["node2"]])),
            new ActionRecord(8_000_000, new HealAction()),
            new LinkRecord(9_000_000, "node2", "eth0", false),
            new LinkRecord(10_000_000, "node2", "eth0", true),
            new HostRecord(11_000_000, "node1", false),
        ];
        SimHistory h = SimHistory.FromLog(RunLayout.Of(s), log, 30_000_000);
        InstanceInfo a = h.Instances[0];
        InstanceInfo b = h.Instances[1];
        Assert.That(h.CanReach(a, b, 4_999_999), Is.True);
        Assert.That(h.CanReach(a, b, 5_000_000), Is.False, "partitioned");
        Assert.That(h.CanReach(a, b, 8_000_000), Is.True, "healed");
        Assert.That(h.CanReach(a, b, 9_500_000), Is.False, "node2's carrier is down");
        Assert.That(h.CanReach(a, b, 10_500_000), Is.True);
        Assert.That(h.CanReach(a, b, 11_000_000), Is.False, "node1 is powered off");
    }

    [Test]
    public void Each_kind_writes_its_jsonl_fields_in_the_schemas_order()
    {
        var src = IPAddress.Parse("10.0.0.11");
        var dst = IPAddress.Parse("224.0.0.18");
        (RunEvent Event, string Line)[] cases =
        [
            (new ActionRecord(1, new StopAction(["node1"])), """{"t_us":1,"node":"node1","kind":"action","action":"stop","detail":"node1"}"""),
            (new ActionRecord(2, new HealAction()) { LatenessUs = 340 }, """{"t_us":2,"node":"*","kind":"action","action":"heal","detail":"all","lateness_us":340}"""),
            (new StateRecord(3, "node2", "VI_1", 51, VrrpState.Backup, VrrpState.Master, "master down timer") { Timing = "wire: first advert as MASTER" },
                """{"t_us":3,"node":"node2","kind":"state","instance":"VI_1","from":"BACKUP","to":"MASTER","cause":"master down timer","timing":"wire: first advert as MASTER"}"""),
            (new AdvertSentRecord(4, "node1", "VI_1", "eth0", src, dst, 51, 100, 7), """{"t_us":4,"node":"node1","kind":"advert_tx","instance":"VI_1","interface":"eth0","address":"10.0.0.11","peer":"224.0.0.18","vrid":51,"priority":100,"pkt":7}"""),
            (new AdvertReceivedRecord(5, "node2", "eth0", src, "node1", 7), """{"t_us":5,"node":"node2","kind":"advert_rx","interface":"eth0","address":"10.0.0.11","peer":"node1","pkt":7}"""),
            (new AdvertDroppedRecord(6, "node2", "VI_1", "eth0", "auth_failure", src, 7), """{"t_us":6,"node":"node2","kind":"advert_drop","instance":"VI_1","interface":"eth0","reason":"auth_failure","address":"10.0.0.11","pkt":7}"""),
            (new PacketLostRecord(7, "node2", "eth0", "loss", "10.0.0.11", null, 8), """{"t_us":7,"node":"node2","kind":"packet_lost","interface":"eth0","reason":"loss","address":"10.0.0.11","pkt":8}"""),
            (new GarpRecord(8, "node2", "VI_1", "eth0", Vip, 5), """{"t_us":8,"node":"node2","kind":"garp_tx","instance":"VI_1","interface":"eth0","address":"10.0.0.100","count":5}"""),
            (new VipRecord(9, "node2", "VI_1", "eth0", Vip, true, "added by keepalived"), """{"t_us":9,"node":"node2","kind":"vip_add","instance":"VI_1","interface":"eth0","address":"10.0.0.100"}"""),
            (new VipRecord(10, "node2", "VI_1", "eth0", Vip, false, "host down"), """{"t_us":10,"node":"node2","kind":"vip_del","instance":"VI_1","interface":"eth0","cause":"host down","address":"10.0.0.100"}"""),
            (new ScriptRecord(11, "node1", "chk", StateChange: true, Ok: false), """{"t_us":11,"node":"node1","kind":"script","instance":"chk","detail":"state: failed"}"""),
            (new PriorityRecord(12, "node1", "VI_1", 100, 80), """{"t_us":12,"node":"node1","kind":"priority","instance":"VI_1","priority":80,"detail":"from 100"}"""),
            (new NotifyRecord(13, "node1", "VI_1", "/bin/n MASTER"), """{"t_us":13,"node":"node1","kind":"notify","instance":"VI_1","detail":"/bin/n MASTER"}"""),
            (new LogRecord(14, "node1", null, "(VI_1) Entering MASTER STATE"), """{"t_us":14,"node":"node1","kind":"log","detail":"(VI_1) Entering MASTER STATE"}"""),
            (new ClientArpRecord(15, "lan", Vip, "node2", "eth0", "gratuitous arp"), """{"t_us":15,"node":"client@lan","kind":"client_arp","interface":"eth0","address":"10.0.0.100","peer":"node2","detail":"gratuitous arp"}"""),
            (new ReachRecord(16, "lan", Vip, "node2", true), """{"t_us":16,"node":"client@lan","kind":"reach","address":"10.0.0.100","peer":"node2","detail":"reachable"}"""),
            (new HostRecord(17, "node1", false), """{"t_us":17,"node":"node1","kind":"host","detail":"down"}"""),
            (new LinkRecord(18, "node1", "eth0", true), """{"t_us":18,"node":"node1","kind":"link","interface":"eth0","detail":"up"}"""),
            (new ProcessRecord(19, "node1", ProcessChange.Paused) { UntilUs = 15_000_000 }, """{"t_us":19,"node":"node1","kind":"process","detail":"paused until 15s"}"""),
            (new FloodReceivedRecord(20, "node1", "eth0", 51, 200, 182, 0, "too_short 195, length_mismatch 5"),
                """{"t_us":20,"node":"node1","kind":"flood_rx","interface":"eth0","reason":"too_short 195, length_mismatch 5","vrid":51,"count":200,"detail":"advert timer restarted 182; lost 0"}"""),
            (new NeighbourRecord(21, "node2", "eth0", "lan", "who-has"), """{"t_us":21,"node":"node2","kind":"neigh","interface":"eth0","peer":"client@lan","detail":"who-has"}"""),
        ];
        foreach ((RunEvent e, string line) in cases)
        {
            Assert.That(TraceJsonl.ToText([e]), Is.EqualTo(line + "\n"), e.GetType().Name);
        }

        Assert.That(cases.Select(c => c.Event.Kind).Distinct().Count(), Is.EqualTo(Enum.GetValues<TraceKind>().Length), "every kind is covered");
    }
}
