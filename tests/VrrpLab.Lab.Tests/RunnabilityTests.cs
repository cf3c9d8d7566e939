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
    public void Catalogue_scenarios_the_lab_can_do_have_no_reasons(string name) =>
        Assert.That(Runnability.Reasons(LabPaths.Load(name)), Is.Empty);

    [Test]
    public void Random_loss_is_not_runnable_and_says_why() =>
        Assert.That(Runnability.Reasons(LabPaths.Load("packet-loss-random")), Has.Some.Contains("random loss needs tc netem"));

    [Test]
    public void Drift_latency_and_group_partitions_are_each_named()
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
            """);
        List<string> reasons = Runnability.Reasons(sc);
        Assert.That(reasons, Has.Count.EqualTo(3));
        Assert.That(reasons[0], Does.Contain("drift").And.Contain("clock"));
        Assert.That(reasons[1], Does.Contain("latency").And.Contain("netem"));
        Assert.That(reasons[2], Does.Contain("more than one node"));
    }
}
