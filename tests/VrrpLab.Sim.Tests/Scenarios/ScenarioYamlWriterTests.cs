using static VrrpLab.Sim.Tests.Clusters.ClusterDerivationTests;

namespace VrrpLab.Sim.Tests.Scenarios;

/// <summary>
/// What <c>vrrplab check --emit</c> writes loads back as the same scenario and replays the same run:
/// same states, same VIP changes, every expectation holding.
/// </summary>
public sealed class ScenarioYamlWriterTests : TempDirectoryTest
{
    [Test]
    public void Every_emitted_fault_case_replays_the_same_run_with_its_expectations_holding()
    {
        const string script = "global_defs {\n script_user root\n enable_script_security\n}\nvrrp_script chk {\n script \"/bin/true\"\n weight -60\n}";
        string conf = Path.Combine(TempDir, "confs");
        Directory.CreateDirectory(conf);
        string a = Path.Combine(conf, "a.conf");
        string b = Path.Combine(conf, "b.conf");
        File.WriteAllText(a, Instance(100, "track_script { chk }\n track_interface { eth1 weight -80 }", head: script));
        File.WriteAllText(b, Instance(50, "unicast_peer {\n 10.1.1.11\n}"));
        DerivedCluster cluster = ClusterDerivation.Derive([Host(a, File.ReadAllText(a)), Host(b, File.ReadAllText(b))]);
        CatalogueResult r = FaultCatalogue.Run(cluster, new CatalogueOptions { Depth = 2 });
        var files = new Dictionary<string, string> { ["a"] = "../confs/a.conf", ["b"] = "../confs/b.conf" };
        string outDir = Path.Combine(TempDir, "out");
        Directory.CreateDirectory(outDir);

        Assert.That(r.Faults, Has.Length.GreaterThan(40));
        foreach (FaultOutcome o in r.Faults)
        {
            string path = Path.Combine(outDir, o.Scenario.Name + ".yaml");
            File.WriteAllText(path, ScenarioYamlWriter.Write(o.Scenario, files, ["a comment", "on two\nlines"]));
            ScenarioLoadResult loaded = ScenarioLoader.LoadFile(path);
            Assert.That(loaded.Scenario, Is.Not.Null, o.Id + ": " + string.Join("\n", loaded.Diagnostics));
            ScenarioResult replay = ScenarioRunner.Run(loaded.Scenario!, new SimulationOptions { Recording = Tracing.RecordingLevel.None });
            Assert.Multiple(() =>
            {
                Assert.That(replay.Verdicts.Where(v => !v.Passed).Select(v => v.Evidence), Is.Empty, o.Id);
                Assert.That(replay.Simulation.History.States, Is.EqualTo(o.Run.History.States), o.Id);
                Assert.That(replay.Simulation.History.Vips.Select(v => (v.TimeUs, v.Node, v.Address.ToString(), v.Added)),
                    Is.EqualTo(o.Run.History.Vips.Select(v => (v.TimeUs, v.Node, v.Address.ToString(), v.Added))), o.Id);
                Assert.That(loaded.Scenario!.Timeline.Select(e => $"{e.At} {e.Action.Keyword} {e.Action.Describe()}"), Is.EqualTo(o.Scenario.Timeline.Select(e => $"{e.At} {e.Action.Keyword} {e.Action.Describe()}")), o.Id);
            });
        }
    }

    [Test]
    public void Names_that_yaml_would_misread_are_quoted()
    {
        var scenario = new Scenario
        {
            Name = "n",
            Duration = Engine.Time.Duration.FromSeconds(1),
            Nodes = [new NodeSpec("true", [new InterfaceSpec("eth0", "lan", System.Net.IPAddress.Parse("10.0.0.1"), 24)], new Engine.Configuration.RouterConfig())],
            Timeline = [new TimelineEntry(Engine.Time.Duration.Zero, new StopAction(ImmutableArray.Create("true")))],
        };

        string text = ScenarioYamlWriter.Write(scenario, new Dictionary<string, string> { ["true"] = "x y.conf" });
        Assert.That(text, Does.Contain("  \"true\":\n").And.Contain("stop: \"true\"").And.Contain("keepalived_file: \"x y.conf\""));
    }
}
