namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>
/// The <c>process</c> timeline action: how many processes of a name run on a node, what the node's
/// <c>vrrp_track_process</c> blocks count (quorum, weight 0 = FAULT, fork_delay), keepalived's scan at
/// its start, and the loader's checks.
/// </summary>
public class TrackProcessTests
{
    /// <summary>node1 of the pair (priority 100) tracking the process <c>web</c> with quorum 2 and fork_delay 2.</summary>
    private static readonly string TrackingNode1 = PairScenario.Node("node1", "10.0.0.11/24", 100,
        before: ["vrrp_track_process chk_web {", "    process web", "    quorum 2", "    fork_delay 2", "}"],
        inside: ["track_process { chk_web }"]);

    private static ScenarioLoadResult Load(string timeline) => ScenarioLoader.LoadText($$"""
        name: p
        duration: 40s
        autostart: false
        nodes:
        {{TrackingNode1}}
        {{PairScenario.Node2}}
        timeline:
        {{timeline}}
        """, "t.yaml");

    private static string Errors(ScenarioLoadResult r) => string.Join("\n", r.Errors.Select(e => e.ToString()));

    private static SimulationResult Run(string timeline)
    {
        ScenarioLoadResult r = Load(timeline);
        Assert.That(Errors(r), Is.Empty);
        return new Simulator(r.Scenario!, new SimulationOptions()).Run();
    }

    private static List<(long, VrrpState)> Node1(SimulationResult r) =>
        [.. r.History.StatesOf("node1", "VI_1").Select(s => (s.TimeUs, s.To))];

    [Test]
    public void A_process_action_loads_and_describes_itself()
    {
        ScenarioLoadResult r = Load("  - { at: 5s, process: { node: node1, name: web, count: 2, forked: true } }");
        Assert.That(Errors(r), Is.Empty);
        TimelineAction a = r.Scenario!.Timeline.Single().Action;
        Assert.That((a, a.Describe()), Is.EqualTo((new ProcessAction("node1", "web", 2, Forked: true), "node1 web 2 forked")));
    }

    [TestCase("{ node: node1, name: nginx, count: 1 }", "t.yaml:32:45: no vrrp_track_process of node node1 tracks a process 'nginx' (tracked processes: web)")]
    [TestCase("{ node: node2, name: web, count: 1 }", "no vrrp_track_process of node node2 tracks a process 'web' (tracked processes: none)")]
    [TestCase("{ node: node3, name: web, count: 1 }", "unknown node 'node3'")]
    [TestCase("{ node: node1, name: web, count: -1 }", "count must be a whole number from 0 to 65535 (got '-1')")]
    [TestCase("{ node: node1, name: web }", "missing required key 'count'")]
    [TestCase("{ node: node1, name: web, count: 1, forked: maybe }", "forked must be true or false (got 'maybe')")]
    public void A_bad_process_action_is_reported_at_its_place(string action, string message)
    {
        ScenarioLoadResult r = Load($"  - {{ at: 5s, process: {action} }}");
        Assert.That(r.Scenario, Is.Null);
        Assert.That(Errors(r), Does.Contain(message));
    }

    [Test]
    public void Without_a_process_action_nothing_runs_and_a_weight_0_tracker_stays_in_fault()
    {
        SimulationResult r = Run("  - { at: 0s, start: [node1, node2] }");
        Assert.That(Node1(r), Is.EqualTo(new[] { (0L, VrrpState.Fault) }));
    }

    [Test]
    public void Processes_running_before_the_start_count_at_once_and_losing_the_quorum_is_fault_at_once()
    {
        SimulationResult r = Run("""
              - { at: 0s, process: { node: node1, name: web, count: 2 } }
              - { at: 0s, start: [node1, node2] }
              - { at: 10s, process: { node: node1, name: web, count: 1 } }
            """);
        Assert.That(Node1(r).Take(3), Is.EqualTo(new[] { (0L, VrrpState.Backup), (3_609_375L, VrrpState.Master), (10_000_000L, VrrpState.Fault) }));
        Assert.That(r.History.StateAt("node2", "VI_1", 11_000_000), Is.EqualTo(VrrpState.Master), "node2 took over after its skew (priority 0 from the FAULT)");
    }

    [Test]
    public void A_quorum_regained_by_a_fork_waits_for_fork_delay_and_by_an_exec_does_not()
    {
        const string Start = """
              - { at: 0s, process: { node: node1, name: web, count: 2 } }
              - { at: 0s, start: [node1, node2] }
              - { at: 10s, process: { node: node1, name: web, count: 1 } }
            """;
        SimulationResult forked = Run(Start + "\n  - { at: 20s, process: { node: node1, name: web, count: 2, forked: true } }");
        SimulationResult exec = Run(Start + "\n  - { at: 20s, process: { node: node1, name: web, count: 2 } }");
        Assert.That(Node1(forked).Skip(3).First(), Is.EqualTo((22_000_000L, VrrpState.Backup)), "fork_delay 2: the quorum counts at 22s");
        Assert.That(Node1(exec).Skip(3).First(), Is.EqualTo((20_000_000L, VrrpState.Backup)), "a new exec counts at once");
    }

    [Test]
    public void The_count_belongs_to_the_host_a_restarted_keepalived_scans_it_again()
    {
        SimulationResult r = Run("""
              - { at: 0s, process: { node: node1, name: web, count: 2 } }
              - { at: 0s, start: [node1, node2] }
              - { at: 10s, stop: node1 }
              - { at: 12s, process: { node: node1, name: web, count: 0 } }
              - { at: 14s, start: node1 }
              - { at: 20s, process: { node: node1, name: web, count: 3 } }
            """);
        Assert.That(Node1(r).Skip(2), Is.EqualTo(new[] { (10_000_000L, VrrpState.Stop), (14_000_000L, VrrpState.Fault), (20_000_000L, VrrpState.Backup), (23_609_375L, VrrpState.Master) }));
    }
}
