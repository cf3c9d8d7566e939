namespace VrrpLab.Sim.Tests.Scenarios;

public class ScenarioLoaderTests
{
    /// <summary>
    /// Stands in for the keepalived.conf reader: one instance VI_1 (eth0, VRID 51), plus a script
    /// chk_nginx and a vrrp_track_process of nginx; the word BROKEN is reported as an error at its line and column in the text.
    /// </summary>
    private static KeepalivedReadResult FakeReader(string text, string file, string? baseDir, int lineOffset, int columnOffset)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int col = lines[i].IndexOf("BROKEN", StringComparison.Ordinal);
            if (col >= 0)
            {
                return new KeepalivedReadResult(null, [new ScenarioDiagnostic(
                    new SourceLocation(file, i + 1 + lineOffset, col + 1 + columnOffset), DiagnosticSeverity.Error, "unknown keyword BROKEN")]);
            }
        }

        var inst = TestScenarios.Instance(text.Contains("priority 50", StringComparison.Ordinal) ? (byte)50 : (byte)100);
        return new KeepalivedReadResult(new RouterConfig { Instances = [inst], Scripts = [TrackedScript.WithDefaults("chk_nginx", "/bin/true")], Processes = [new TrackedProcess("p_nginx", "nginx")] }, []);
    }

    private const string Good = """
        name: ok
        duration: 60s
        nodes:
          node1:
            address: 10.0.0.11/24
            keepalived: |
              vrrp_instance VI_1 {
                  priority 100
              }
          node2:
            address: 10.0.0.12/24
            keepalived: |
              vrrp_instance VI_1 {
                  priority 50
              }
        timeline:
          - { at: 30s, stop: node1 }
          - { at: 10s, script: { node: node2, name: chk_nginx, result: fail } }
          - { at: 10s, start: [node1, node2] }
        expect:
          - always: single_master
          - { at: 40s, master: node2 }
          - takeover: { node: node2, after: 30s, within: [0s, 1.5s] }
        """;

    private static ScenarioLoadResult Load(string yaml) => ScenarioLoader.LoadText(yaml, "t.yaml", null, FakeReader);

    private static string Errors(ScenarioLoadResult r) => string.Join("\n", r.Errors.Select(e => e.ToString()));

    [Test]
    public void A_valid_file_loads_with_its_timeline_sorted_by_time_and_ties_in_file_order()
    {
        ScenarioLoadResult r = Load(Good);
        Assert.That(r.Succeeded, Is.True, Errors(r));
        Scenario s = r.Scenario!;
        Assert.That(s.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "node1", "node2" }));
        Assert.That(s.Nodes[0].Interfaces[0], Is.EqualTo(new InterfaceSpec("eth0", "lan", System.Net.IPAddress.Parse("10.0.0.11"), 24)));
        Assert.That(s.Timeline.Select(e => e.Action.Keyword), Is.EqualTo(new[] { "script", "start", "stop" }));
        Assert.That(s.Expectations, Has.Length.EqualTo(3));
        Assert.That(s.Expectations[2], Is.EqualTo(new TakeoverExpectation("node2", TestScenarios.S(30), TestScenarios.S(0), Engine.Time.Duration.FromMilliseconds(1500)) { Location = s.Expectations[2].Location }));
        Assert.That(s.Seed, Is.EqualTo(1UL));
    }

    /// <summary>The good file with <paramref name="find"/> replaced: the loader's errors start with <paramref name="error"/>.</summary>
    [TestCase("duration: 60s", "duration: 60s\nlatnecy: 1ms", "t.yaml:3:1: unknown key 'latnecy'", TestName = "An_unknown_key_is_reported_at_the_key")]
    [TestCase("{ at: 30s, stop: node1 }", "{ at: 15 sec, stop: node1 }", "t.yaml:17:11: at: bad duration '15 sec'", TestName = "A_bad_duration_is_reported_at_the_value")]
    public void An_edit_of_the_good_file_is_reported_from_its_place(string find, string replace, string error) =>
        Assert.That(Errors(Load(Good.Replace(find, replace, StringComparison.Ordinal))), Does.StartWith(error));

    /// <summary>The good file with <paramref name="find"/> replaced: the loader's errors are <paramref name="error"/>, no more.</summary>
    [TestCase("stop: node1", "stop: node3", "t.yaml:17:22: unknown node 'node3' (nodes: node1, node2)", TestName = "An_unknown_node_in_the_timeline_is_reported_at_its_name")]
    [TestCase("master: node2 }", "master: nod2 }", "t.yaml:22:24: unknown node 'nod2' (nodes: node1, node2)", TestName = "An_unknown_node_in_an_expectation_is_reported_at_its_name")]
    // "BROKEN" sits on YAML line 8, column 11 (the block is indented by 6, the keyword by 4 more).
    [TestCase("      vrrp_instance VI_1 {\n          priority 100", "      vrrp_instance VI_1 {\n          BROKEN 100", "t.yaml:8:11: unknown keyword BROKEN", TestName = "A_keepalived_error_inside_an_inline_block_is_reported_at_its_line_in_the_yaml_file")]
    [TestCase("name: chk_nginx", "name: chk_haproxy", "t.yaml:18:45: node node2 has no vrrp_script 'chk_haproxy' (scripts: chk_nginx)", TestName = "A_script_action_must_name_a_vrrp_script_of_that_node")]
    [TestCase("{ at: 30s, stop: node1 }", "{ at: 30s, stop: node1, kill: node2 }", "t.yaml:17:5: a timeline entry has one action, this one has 2: stop, kill", TestName = "A_timeline_entry_with_two_actions_is_an_error")]
    public void An_edit_of_the_good_file_is_reported_exactly_at_its_place(string find, string replace, string error) =>
        Assert.That(Errors(Load(Good.Replace(find, replace, StringComparison.Ordinal))), Is.EqualTo(error));

    [Test]
    public void Duplicate_node_names_are_reported_at_the_second_one()
    {
        string yaml = Good.Replace("  node2:\n    address: 10.0.0.12/24", "  node1:\n    address: 10.0.0.12/24", StringComparison.Ordinal);
        ScenarioLoadResult r = Load(yaml);
        Assert.That(r.Succeeded, Is.False);
        Assert.That(Errors(r), Does.StartWith("t.yaml:10:3: "));
        Assert.That(Errors(r), Does.Contain("node1"));
    }

    [Test]
    public void Missing_required_keys_are_named_at_their_mapping()
    {
        ScenarioLoadResult r = Load("name: x\nnodes: {}\n");
        Assert.That(Errors(r), Does.Contain("t.yaml:1:1: the scenario is missing required key 'duration'"));
        Assert.That(Errors(r), Does.Contain("t.yaml:2:8: nodes must define at least one node"));
    }

    [Test]
    public void Keepalived_file_is_read_relative_to_the_scenario_file_and_its_errors_name_that_file()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vrrplab-loader-" + Environment.ProcessId);
        Directory.CreateDirectory(Path.Combine(dir, "configs"));
        File.WriteAllText(Path.Combine(dir, "configs", "n1.conf"), "vrrp_instance VI_1 {\n  BROKEN\n}\n");
        string yaml = Good.Replace("    keepalived: |\n      vrrp_instance VI_1 {\n          priority 100\n      }\n", "    keepalived_file: configs/n1.conf\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "s.yaml"), yaml);
        ScenarioLoadResult r = ScenarioLoader.LoadFile(Path.Combine(dir, "s.yaml"), FakeReader);
        Assert.That(Errors(r), Is.EqualTo($"{Path.Combine(dir, "configs", "n1.conf")}:2:3: unknown keyword BROKEN"));

        ScenarioLoadResult missing = ScenarioLoader.LoadText(yaml.Replace("n1.conf", "nope.conf", StringComparison.Ordinal), "s.yaml", dir, FakeReader);
        Assert.That(Errors(missing), Does.StartWith("s.yaml:6:22: keepalived_file 'configs/nope.conf': cannot read"));
    }

    [Test]
    public void Invalid_yaml_is_reported_with_its_position()
    {
        ScenarioLoadResult r = Load("name: x\nduration: [1s\n");
        Assert.That(r.Succeeded, Is.False);
        Assert.That(Errors(r), Does.Match(@"^t\.yaml:\d+:\d+: invalid YAML: "));
    }

    [Test]
    public void Outage_takes_max_min_or_both_and_needs_one_of_them()
    {
        ScenarioLoadResult both = Load(Good.Replace("  - always: single_master\n", "  - outage: { min: 10s, max: 15s, after: 30s }\n", StringComparison.Ordinal));
        Assert.That(both.Succeeded, Is.True, Errors(both));
        var o = (OutageExpectation)both.Scenario!.Expectations[0];
        Assert.That((o.Max, o.Min, o.After), Is.EqualTo((Duration.FromSeconds(15), Duration.FromSeconds(10), Duration.FromSeconds(30))));
        ScenarioLoadResult neither = Load(Good.Replace("  - always: single_master\n", "  - outage: { after: 30s }\n", StringComparison.Ordinal));
        Assert.That(Errors(neither), Does.StartWith("t.yaml:21:13: outage needs 'max'"));
    }

    [Test]
    public void Every_action_and_expectation_of_the_format_loads()
    {
        string yaml = Good.Replace("timeline:\n", """
            network:
              segments:
                lan: { latency: 1ms, jitter: 200us, loss: 0% }
            timeline:
              - { at: 1s, kill: node1 }
              - { at: 2s, crash: [node1] }
              - { at: 3s, link: { node: node1, interface: eth0, up: false } }
              - { at: 4s, partition: [[node1], [node2]] }
              - { at: 5s, heal: true }
              - { at: 6s, loss: { segment: lan, rate: 30% } }
              - { at: 7s, latency: { segment: lan, value: 5ms, jitter: 1ms } }
              - { at: 8s, pause: { node: node2, for: 10s } }
              - { at: 9s, drift: { node: node2, rate: 1.02 } }
              - { at: 9s, flood: { segment: lan, vrid: 51, rate: 200, for: 5s, kind: garbage } }
              - { at: 9s, process: { node: node1, name: nginx, count: 0 } }

            """, StringComparison.Ordinal).Replace("expect:\n", """
            expect:
              - always: vip_only_on_master
              - { always: single_master, grace: 2s }
              - { at: 5s, state: { node1: BACKUP, node2: MASTER } }
              - eventually: { master: node2, after: 30s, within: 5s }
              - never: { master: node1, after: 31s, before: 50s }
              - vip_moves: { equals: 1 }
              - outage: { max: 1s, after: 30s }
              - transitions: { node2: [BACKUP, MASTER] }
              - final: { master: node2 }
              - { at: 50s, master: none, vrid: 51 }
              - { final: { master: node2 }, instance: VI_1 }

            """, StringComparison.Ordinal);
        ScenarioLoadResult r = Load(yaml);
        Assert.That(r.Succeeded, Is.True, Errors(r));
        Assert.That(r.Scenario!.Timeline.Select(e => e.Action.Keyword), Is.EquivalentTo(ScenarioLoader.ActionKeys));
        Assert.That(r.Scenario.Expectations, Has.Length.EqualTo(14));
        Assert.That(r.Scenario.Segments[0], Is.EqualTo(new SegmentSpec("lan", Engine.Time.Duration.FromMilliseconds(1), Engine.Time.Duration.FromMicroseconds(200), Rate.Zero)));
    }

    [Test]
    public void The_loader_never_throws_on_mangled_input()
    {
        var rnd = new Random(1234);
        const string Alphabet = " :{}[]-|#x\n\"'0&*!%@`\t>?,é\u0000";
        for (int i = 0; i < 3000; i++)
        {
            char[] chars = Good.ToCharArray();
            for (int k = 0; k < 1 + (i % 8); k++)
            {
                chars[rnd.Next(chars.Length)] = Alphabet[rnd.Next(Alphabet.Length)];
            }

            Assert.DoesNotThrow(() => Load(new string(chars)));
        }
    }

    [Test]
    public void The_real_keepalived_reader_reports_errors_at_their_yaml_lines()
    {
        const string yaml = """
            name: kb
            duration: 10s
            nodes:
              node1:
                address: 10.0.0.11/24
                keepalived: |
                  vrrp_instance VI_1 {
                      interface eth0
                      virtual_router_id 300
                      priority abc
                      virtual_ipaddress { 10.0.0.100 }
                  }
            """;
        ScenarioLoadResult r = ScenarioLoader.LoadText(yaml, "kb.yaml");
        Assert.That(r.Succeeded, Is.False);
        string[] all = [.. r.Diagnostics.Select(d => d.ToString())];
        Assert.That(all, Has.Some.StartsWith("kb.yaml:9:29: warning: "), "the VRID value, line 9 column 29");
        Assert.That(all, Has.Some.StartsWith("kb.yaml:10:20: warning: "), "the priority value, line 10 column 20");
        Assert.That(all, Has.Some.StartsWith("kb.yaml:7:7: "), "the vrrp_instance keyword");
    }

    [Test]
    public void A_check_after_the_end_of_the_run_is_a_warning_at_the_check()
    {
        ScenarioLoadResult r = Load(Good.Replace("{ at: 40s, master: node2 }", "{ at: 90s, master: node2 }", StringComparison.Ordinal));
        Assert.That(r.Succeeded, Is.True);
        Assert.That(r.Diagnostics.Select(d => d.ToString()), Has.Member("t.yaml:22:5: warning: this check looks at 90s, after the end of the run (60s): it cannot pass"));
    }

    [Test]
    public void Problems_in_a_quoted_inline_keepalived_conf_are_reported_at_the_scalar()
    {
        const string yaml = "name: q\nduration: 10s\nnodes:\n  node1: { address: 10.0.0.11/24, keepalived: \"vrrp_instance VI_1 {\\n interface eth0\\n virtual_router_id 300\\n}\" }\n";
        ScenarioLoadResult r = ScenarioLoader.LoadText(yaml, "q.yaml");
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Diagnostics.Select(d => d.ToString()), Has.All.StartsWith("q.yaml:4:47: "), "escaped newlines do not map onto file lines");
    }

    [Test]
    public void An_include_in_inline_keepalived_conf_is_relative_to_the_scenario_file()
    {
        string dir = Directory.CreateTempSubdirectory("vl-inc-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "vi.conf"), "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress { 10.0.0.100 }\n}\n");
            const string yaml = """
                name: inc
                duration: 10s
                nodes:
                  node1:
                    address: 10.0.0.11/24
                    keepalived: |
                      include vi.conf
                """;
            ScenarioLoadResult r = ScenarioLoader.LoadText(yaml, "inc.yaml", dir);
            Assert.That(r.Succeeded, Is.True, string.Join("\n", r.Diagnostics));
            Assert.That(r.Scenario!.Nodes[0].Config.Instances.Single().VirtualRouterId, Is.EqualTo(51));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
