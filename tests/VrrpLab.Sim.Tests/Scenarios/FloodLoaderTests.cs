using VrrpLab.Engine.Wire;

namespace VrrpLab.Sim.Tests.Scenarios;

/// <summary>The <c>flood</c> action and the <c>implementation</c> node key in scenario files.</summary>
public class FloodLoaderTests
{
    private static KeepalivedReadResult Reader(string text, string file, string? baseDir, int lineOffset, int columnOffset) =>
        new(new RouterConfig { Instances = [TestScenarios.Instance(100)] }, []);

    private static ScenarioLoadResult Load(string node1Extra, string flood) => ScenarioLoader.LoadText($$"""
        name: f
        duration: 60s
        nodes:
          node1:
            address: 10.0.0.11/24
        {{node1Extra}}
            keepalived: |
              vrrp_instance VI_1 {
              }
        timeline:
          - { at: 10s, flood: {{flood}} }
        """, "t.yaml", null, Reader);

    private static string Errors(ScenarioLoadResult r) => string.Join("\n", r.Errors.Select(e => e.ToString()));

    [Test]
    public void A_flood_loads_with_its_segment_vrid_rate_duration_and_kind()
    {
        ScenarioLoadResult r = Load("", "{ segment: lan, vrid: 51, rate: 200/s, for: 15s, kind: wrong_auth }");
        Assert.That(Errors(r), Is.Empty);
        var f = (FloodAction)r.Scenario!.Timeline.Single().Action;
        Assert.That(f, Is.EqualTo(new FloodAction("lan", 51, 200, Engine.Time.Duration.FromSeconds(15), FloodKind.WrongAuth)));
        Assert.That(f.Describe(), Is.EqualTo("lan vrid 51 200/s for 15s wrong_auth"));
        Assert.That(r.Scenario.Nodes[0].Implementation, Is.EqualTo(NodeImplementation.Keepalived), "keepalived unless the file says otherwise");
    }

    [TestCase("{ segment: wan, vrid: 51, rate: 200, for: 15s, kind: garbage }", "t.yaml:11:34: unknown segment 'wan' (segments: lan)")]
    [TestCase("{ segment: lan, vrid: 0, rate: 200, for: 15s, kind: garbage }", "t.yaml:11:45: vrid must be a whole number from 1 to 255 (got '0')")]
    [TestCase("{ segment: lan, vrid: 51, rate: 0, for: 15s, kind: garbage }", "t.yaml:11:55: rate must be datagrams per second, a whole number from 1 to 1000000 such as 200 or 200/s (got '0')")]
    [TestCase("{ segment: lan, vrid: 51, rate: fast, for: 15s, kind: garbage }", "rate must be datagrams per second")]
    [TestCase("{ segment: lan, vrid: 51, rate: 200, for: 0s, kind: garbage }", "flood 'for' must be more than 0s")]
    [TestCase("{ segment: lan, vrid: 51, rate: 200, for: 15s, kind: noise }", "kind must be garbage, wrong_auth, wrong_version (got 'noise')")]
    [TestCase("{ segment: lan, vrid: 51, rate: 200, for: 15s }", "missing required key 'kind'")]
    [TestCase("{ segment: lan, vrid: 51, rate: 200, for: 15s, kind: garbage, from: node1 }", "from")]
    public void A_bad_flood_is_reported_at_its_place(string flood, string message)
    {
        ScenarioLoadResult r = Load("", flood);
        Assert.That(r.Scenario, Is.Null);
        Assert.That(Errors(r), Does.Contain(message));
    }

    [Test]
    public void A_node_can_say_it_runs_vrrplab()
    {
        ScenarioLoadResult r = Load("    implementation: vrrplab", "{ segment: lan, vrid: 51, rate: 200, for: 15s, kind: garbage }");
        Assert.That(Errors(r), Is.Empty);
        Assert.That(r.Scenario!.Nodes[0].Implementation, Is.EqualTo(NodeImplementation.Vrrplab));
        Assert.That(NodeImplementation.Vrrplab.PacketPolicy(), Is.EqualTo(PacketPolicy.Hardened));
        Assert.That(NodeImplementation.Keepalived.PacketPolicy(), Is.EqualTo(PacketPolicy.Keepalived));
    }

    [Test]
    public void An_unknown_implementation_is_reported_at_its_place()
    {
        ScenarioLoadResult r = Load("    implementation: bird", "{ segment: lan, vrid: 51, rate: 200, for: 15s, kind: garbage }");
        Assert.That(Errors(r), Does.Contain("t.yaml:6:21: node 'node1': implementation must be keepalived or vrrplab (got 'bird')"));
    }
}
