namespace VrrpLab.Sim.Tests.Properties;

/// <summary>
/// The reproducer printed for a failing property must be a scenario file the loader accepts and
/// that describes the same run as the case that failed.
/// </summary>
public sealed class FaultCaseYamlTests
{
    /// <summary>A keepalived reader that ignores the text: isolates the YAML half of the round trip.</summary>
    private static KeepalivedReadResult IgnoreKeepalived(string text, string displayName, string? baseDirectory, int lineOffset, int columnOffset) =>
        new(new RouterConfig { Instances = [new VrrpInstanceConfig { Name = "VI_1", Interface = "eth0", VirtualRouterId = 51 }] }, []);

    private static List<string> Timeline(Scenario s) =>
        s.Timeline.Select(e => $"{e.At.Microseconds} {e.Action.Keyword} {e.Action.Describe()}").ToList();

    [FsProperty(MaxTest = 100)]
    public Property Printed_reproducer_loads_and_has_the_same_timeline_nodes_seed_and_duration() =>
        Prop.ForAll(FaultCaseGen.Cases(), c =>
        {
            string yaml = c.ToYaml("comment line 1\ncomment line 2");
            ScenarioLoadResult loaded = ScenarioLoader.LoadText(yaml, "repro.yaml", null, IgnoreKeepalived);
            Scenario direct = c.ToScenario();
            if (loaded.Scenario is not { } s)
            {
                return Prop.Label(false, string.Join("\n", loaded.Diagnostics) + "\n" + yaml);
            }

            bool same = s.Seed == direct.Seed && s.Duration == direct.Duration && s.Autostart &&
                        Timeline(s).SequenceEqual(Timeline(direct)) &&
                        s.Nodes.Select(n => n.Name + " " + n.Interfaces[0].Name + " " + n.Interfaces[0].Segment + " " + n.Interfaces[0].Address + "/" + n.Interfaces[0].PrefixLength)
                            .SequenceEqual(direct.Nodes.Select(n => n.Name + " " + n.Interfaces[0].Name + " " + n.Interfaces[0].Segment + " " + n.Interfaces[0].Address + "/" + n.Interfaces[0].PrefixLength));
            return Prop.Label(same, "loaded:\n" + string.Join("\n", Timeline(s)) + "\ndirect:\n" + string.Join("\n", Timeline(direct)) + "\n" + yaml);
        });

    [FsProperty(MaxTest = 100)]
    public Property Printed_keepalived_configs_read_back_as_the_in_process_configs() =>
        Prop.ForAll(FaultCaseGen.Cases(), c =>
        {
            ScenarioLoadResult loaded = ScenarioLoader.LoadText(c.ToYaml(), "repro.yaml");
            if (loaded.Scenario is not { } s)
            {
                return Prop.Label(false, string.Join("\n", loaded.Diagnostics));
            }

            static string Key(VrrpInstanceConfig i) =>
                $"{i.Name} {i.Interface} {i.VirtualRouterId} {i.Priority} {i.State} {i.Version} {i.AdvertInterval} {i.EffectiveNopreempt} {string.Join(",", i.VirtualAddresses)}";
            var read = s.Nodes.Select(n => Key(n.Config.Instances.Single())).ToList();
            var direct = c.ToScenario().Nodes.Select(n => Key(n.Config.Instances.Single())).ToList();
            return Prop.Label(read.SequenceEqual(direct), "read:\n" + string.Join("\n", read) + "\ndirect:\n" + string.Join("\n", direct));
        });

    [Test]
    public void Reproducer_of_a_known_case_is_the_expected_file()
    {
        var c = new FaultCase(3, 50,
            [new ClusterNode(0, 200, false), new ClusterNode(1, 100, true)],
            [new CrashFault(5_000, 1_500, "node1"), new PartitionFault(6_000, 2_250, [["node1"], ["node2"]]), new PauseFault(9_000, 300, "node2"), new LossFault(9_500, 1_000, 60)],
            7);
        // Both nodes print the same v3 instance (VRID 51, advert_int 0.5, VIP 10.0.0.100) but for the priority and nopreempt.
        static string Node(string name, string address, int priority, bool nopreempt) =>
            $"  {name}:\n" +
            $"    address: {address}\n" +
            "    keepalived: |\n" +
            "      vrrp_instance VI_1 {\n" +
            "          state BACKUP\n" +
            "          interface eth0\n" +
            "          version 3\n" +
            "          virtual_router_id 51\n" +
            $"          priority {priority}\n" +
            (nopreempt ? "          nopreempt\n" : "") +
            "          advert_int 0.5\n" +
            "          virtual_ipaddress { 10.0.0.100 }\n" +
            "      }\n";
        string expected =
            "# why\n" +
            "name: property-counterexample\n" +
            "seed: 7\n" +
            "duration: 14.305s\n" +
            "autostart: true\n" +
            "nodes:\n" +
            Node("node1", "10.0.0.11/24", 200, nopreempt: false) +
            Node("node2", "10.0.0.12/24", 100, nopreempt: true) +
            "timeline:\n" +
            "  - { at: 5s, crash: node1 }\n" +
            "  - { at: 6s, partition: [[node1], [node2]] }\n" +
            "  - { at: 6.5s, start: node1 }\n" +
            "  - { at: 8.25s, heal: true }\n" +
            "  - { at: 9s, pause: { node: node2, for: 0.3s } }\n" +
            "  - { at: 9.5s, loss: { segment: lan, rate: 60% } }\n" +
            "  - { at: 10.5s, loss: { segment: lan, rate: 0% } }\n";

        // Duration: last heal 10.5s + the longest MDI (prio 100, v3 0.5 s: 1.5s + 156 x 0.5 s / 256 =
        // 1.804687s) + 100us latency + 3 x 0.5 s + 0.5 s = 14.304787s, rounded up to the millisecond.
        Assert.That(c.ToYaml("why"), Is.EqualTo(expected));
    }

    [Test]
    public void Reproducer_expectations_load_and_hold_when_the_run_keeps_the_invariants()
    {
        // v2, advert_int 1 s: node1 (100) MASTER, crashes 5s-10s; node2 (50, nopreempt) takes over at
        // 4.609475 + 3.804687 = 8.414162s; node1 returns at 10s and preempts at 13.609375s. The
        // settle deadline is 10s + the longest MDI (3.804687s) + 100us = 13.804787s.
        var c = new FaultCase(2, 100, [new ClusterNode(0, 100, false), new ClusterNode(1, 50, true)], [new CrashFault(5_000, 5_000, "node1")], 1);
        RunHistory doctored = new(c.DurationUs,
            [new StateChange(0, "node1", Engine.StateMachine.VrrpState.Init, Engine.StateMachine.VrrpState.Backup),
             new StateChange(0, "node2", Engine.StateMachine.VrrpState.Init, Engine.StateMachine.VrrpState.Backup),
             new StateChange(3_609_375, "node1", Engine.StateMachine.VrrpState.Backup, Engine.StateMachine.VrrpState.Master),
             new StateChange(5_000_000, "node1", Engine.StateMachine.VrrpState.Master, Engine.StateMachine.VrrpState.Stop),
             new StateChange(6_000_000, "node2", Engine.StateMachine.VrrpState.Backup, Engine.StateMachine.VrrpState.Master),
             new StateChange(10_000_000, "node1", Engine.StateMachine.VrrpState.Stop, Engine.StateMachine.VrrpState.Backup)],
            [new Reception(4_609_475, "node2", 100, true)]);
        Violation settle = FaultInvariants.SettlesOnKeepalivedsChoice(c, doctored)!;
        Violation nopreempt = FaultInvariants.NopreemptBackupNeverTakesOverFromALiveMaster(c, doctored)!;

        foreach (Violation v in new[] { settle, nopreempt })
        {
            ScenarioLoadResult loaded = ScenarioLoader.LoadText(c.ToYaml(v.Message, expect: v.Expect), "repro.yaml");
            Assert.That(loaded.Scenario, Is.Not.Null, string.Join("\n", loaded.Diagnostics));
            var result = VrrpLab.Sim.Running.ScenarioRunner.Run(loaded.Scenario!);
            Assert.That(result.Verdicts.Select(x => x.Passed), Is.EqualTo(Enumerable.Repeat(true, v.Expect.Count)),
                string.Join("\n", result.Verdicts.Select(x => x.ToString())));
        }

        Assert.Multiple(() =>
        {
            Assert.That(settle.Expect, Is.EqualTo(new[] { "{ at: 13804787us, master: node1 }", "final: { master: node1 }" }));
            Assert.That(nopreempt.Expect, Is.EqualTo(new[] { "never: { master: node2, after: 4609475us, before: 8414161us }" }));
        });
    }

    [Test]
    public void Shrinking_removes_faults_halves_them_drops_nodes_and_clears_nopreempt()
    {
        var c = new FaultCase(2, 100,
            [new ClusterNode(0, 100, true), new ClusterNode(1, 50, false), new ClusterNode(2, 150, false)],
            [new CrashFault(5_000, 2_000, "node3"), new PartitionFault(8_000, 1_000, [["node1", "node3"], ["node2"]])],
            1);
        List<FaultCase> smaller = FaultCaseGen.Shrink(c).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(smaller, Has.Some.Matches<FaultCase>(s => s != null && s.Faults.Length == 1 && s.Faults[0] is PartitionFault), "a fault removed");
            Assert.That(smaller, Has.Some.Matches<FaultCase>(s => s != null && s.Faults.Length == 2 && s.Faults[0].ForMs == 1_000), "a fault halved");
            Assert.That(smaller, Has.Some.Matches<FaultCase>(s => s != null &&
                s.Nodes.Length == 2 && s.Faults.Length == 1 && s.Faults[0] is PartitionFault p &&
                p.Groups[0].SequenceEqual(["node1"]) && p.Groups[1].SequenceEqual(["node2"])), "node3 dropped with its crash, node2 kept its name");
            Assert.That(smaller, Has.Some.Matches<FaultCase>(s => s != null && !s.Nodes[0].Nopreempt), "nopreempt cleared");
            Assert.That(smaller.All(s => s.Nodes.Length >= 2), "never fewer than two nodes");
        });
    }
}
