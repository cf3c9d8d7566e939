using VrrpLab.Lab.Running;

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
    public void Drift_and_latency_are_each_named_and_group_partitions_and_random_loss_run()
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
              - { at: 6s, latency: { segment: lan, value: 20ms } }
              - { at: 7s, partition: [[a, b], [c]] }
              - { at: 8s, loss: { segment: lan, rate: 30% } }
            """);
        List<string> reasons = Runnability.Reasons(sc);
        Assert.That(reasons, Has.Count.EqualTo(2));
        Assert.That(reasons[0], Does.Contain("drift").And.Contain("clock"));
        Assert.That(reasons[1], Does.Contain("latency").And.Contain("delay"));
    }
}
