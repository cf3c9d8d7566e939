namespace VrrpLab.Lab.Tests;

/// <summary>Every action is done for real or the file is "not runnable in the lab" with the reason.</summary>
public class RunnabilityTests
{
    [TestCase("seed-article-failover")]
    [TestCase("crash-mdi-takeover")]
    [TestCase("partition-heal")]
    [TestCase("packet-loss-flapping")]
    [TestCase("paused-master")]
    [TestCase("health-check-fault")]
    [TestCase("flood-keepalived-flapping")]
    [TestCase("packet-loss-random")]
    public void Catalogue_scenarios_the_lab_can_do_have_no_reasons(string name) =>
        Assert.That(Runnability.Reasons(LabPaths.Load(name)), Is.Empty);

    [Test]
    public void Tracked_process_actions_are_refused_with_keepalived_s_reason_and_their_place()
    {
        List<string> reasons = Runnability.Reasons(LabPaths.Load("track-process-weight-delay"));
        Assert.That(reasons, Has.Count.EqualTo(5), "one per process action");
        Assert.That(reasons[0], Does.StartWith("61:5: at 0s process node1 nginx 1").And.Contain("errno 111").And.Contain("process table"));
    }

    [Test]
    public void Partitions_heals_and_loss_need_nftables_and_say_where()
    {
        List<string> uses = Runnability.NftablesUses(LabPaths.Load("packet-loss-random"));
        Assert.That(uses, Has.Count.EqualTo(3));
        Assert.That(uses[0], Does.StartWith("24:5: at 10s loss"));
        Assert.That(Runnability.NftablesUses(LabPaths.Load("partition-heal")), Has.Count.EqualTo(2));
        Assert.That(Runnability.NftablesUses(LabPaths.Load("seed-article-failover")), Is.Empty);
        Assert.That(Runnability.MissingTools(LabPaths.Load("seed-article-failover")), Is.Empty, "a file without partitions or loss never needs nft");
    }

    [Test]
    public void Only_drift_is_not_runnable_latency_group_partitions_and_random_loss_run()
    {
        var sc = LabPaths.LoadText("""
            name: unrunnable
            duration: 20s
            autostart: true
            nodes:
              a: { address: 10.0.0.1/24, keepalived: "vrrp_instance V { interface eth0\n virtual_router_id 1\n priority 100\n virtual_ipaddress { 10.0.0.9 } }" }
              b: { address: 10.0.0.2/24, keepalived: "vrrp_instance V { interface eth0\n virtual_router_id 1\n priority 90\n virtual_ipaddress { 10.0.0.9 } }" }
              c: { address: 10.0.0.3/24, keepalived: "vrrp_instance V { interface eth0\n virtual_router_id 1\n priority 80\n virtual_ipaddress { 10.0.0.9 } }" }
            timeline:
              - { at: 5s, drift: { node: a, rate: 1.02 } }
              - { at: 6s, latency: { segment: lan, value: 20ms, jitter: 5ms } }
              - { at: 7s, partition: [[a, b], [c]] }
              - { at: 8s, loss: { segment: lan, rate: 30% } }
            """);
        List<string> reasons = Runnability.Reasons(sc);
        Assert.That(reasons, Has.Count.EqualTo(1));
        Assert.That(reasons[0], Does.Contain("drift").And.Contain("clock"));
        Assert.That(Runnability.DelayedSegments(sc), Is.EqualTo(new[] { "lan" }), "a latency action gives the segment a delay relay");
        Assert.That(Runnability.NftablesUses(sc), Has.Some.Contains("latency"));
    }

    [Test]
    public void A_segment_gets_a_relay_only_beyond_the_bridges_own_latency_and_a_delay_over_the_relays_bound_is_refused()
    {
        const string Node = "nodes:\n  a: { address: 10.0.0.1/24, keepalived: \"vrrp_instance V { interface eth0\\n virtual_router_id 1\\n priority 100\\n virtual_ipaddress { 10.0.0.9 } }\" }\n";
        Scenario own = LabPaths.LoadText("name: own\nduration: 5s\nnetwork: { segments: { lan: { latency: 1ms } } }\n" + Node);
        Scenario far = LabPaths.LoadText("name: far\nduration: 5s\nnetwork: { segments: { lan: { latency: 2ms } } }\n" + Node);
        Scenario jittery = LabPaths.LoadText("name: jit\nduration: 5s\nnetwork: { segments: { lan: { latency: 100us, jitter: 1ms } } }\n" + Node);
        Scenario tooLong = LabPaths.LoadText("name: long\nduration: 5s\nnetwork: { segments: { lan: { latency: 9s, jitter: 2s } } }\n" + Node);
        Assert.That(Runnability.DelayedSegments(own), Is.Empty);
        Assert.That(Runnability.DelayedSegments(far), Is.EqualTo(new[] { "lan" }));
        Assert.That(Runnability.DelayedSegments(jittery), Is.EqualTo(new[] { "lan" }));
        Assert.That(Runnability.Reasons(far), Is.Empty);
        Assert.That(Runnability.Reasons(tooLong), Has.One.Contains("at most 10 s"));
    }
}
