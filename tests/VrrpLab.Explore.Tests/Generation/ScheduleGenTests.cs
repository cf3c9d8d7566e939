using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Explore.Tests.Generation;

/// <summary>Schedule generation: deterministic, within its rules, every fault kind, and shrinking that ends.</summary>
public class ScheduleGenTests
{
    private static ExploreCluster Pair() => Clusters.SeedPair(Clusters.TempDir(), mistake: false);

    private static string Text(Schedule s, ExploreCluster c) =>
        string.Join("\n", s.Timeline(c.NodeNames).Select(e => e.At + " " + ScenarioYamlWriter.Action(e.Action))) + $"\nseed {s.SimSeed}";

    [Test]
    public void The_same_seed_gives_the_same_schedule()
    {
        ExploreCluster c = Pair();
        var a = new ScheduleGen(c, ExploreSettings.Default);
        var b = new ScheduleGen(c, ExploreSettings.Default);

        for (ulong seed = 1; seed < 200; seed++)
        {
            Assert.That(Text(b.Generate(seed), c), Is.EqualTo(Text(a.Generate(seed), c)));
        }

        Assert.That(Enumerable.Range(1, 200).Select(s => Text(a.Generate((ulong)s), c)).Distinct().Count(), Is.GreaterThan(190));
    }

    [Test]
    public void Faults_never_share_a_resource_at_once_and_all_end_one_settling_time_before_the_run_ends()
    {
        ExploreCluster c = Pair();
        var gen = new ScheduleGen(c, ExploreSettings.Default with { Kinds = FaultKinds.All });
        var kinds = new HashSet<FaultKind>();
        for (ulong seed = 1; seed <= 2000; seed++)
        {
            Schedule s = gen.Generate(seed);
            foreach (Fault f in s.Faults)
            {
                kinds.Add(f.Kind);
                Assert.That(f.EndUs, Is.LessThanOrEqualTo(ExploreSettings.Default.DurationUs - c.SettleUs), $"seed {seed}: {f}");
                Assert.That(s.Faults.Count(o => !ReferenceEquals(o, f) && o.Resource == f.Resource && o.AtUs <= f.EndUs && f.AtUs <= o.EndUs), Is.Zero, $"seed {seed}: {f}");
            }
        }

        Assert.That(kinds, Is.EquivalentTo(FaultKinds.All), "every kind of fault the simulator has is generated for this pair");
    }

    [Test]
    public void By_default_every_fault_of_the_cluster_itself_is_generated_but_not_a_third_hosts_flood()
    {
        ExploreCluster c = Pair();
        var gen = new ScheduleGen(c, ExploreSettings.Default);
        var kinds = new HashSet<FaultKind>();
        for (ulong seed = 1; seed <= 2000; seed++)
        {
            kinds.UnionWith(gen.Generate(seed).Faults.Select(f => f.Kind));
        }

        Assert.That(kinds, Is.EquivalentTo(FaultKinds.All.Remove(FaultKind.Flood)));
        Assert.That(FaultKinds.Parse("flood"), Is.EqualTo(FaultKind.Flood));
    }

    [Test]
    public void Only_the_requested_fault_kinds_are_generated()
    {
        ExploreCluster c = Pair();
        var gen = new ScheduleGen(c, ExploreSettings.Default with { Kinds = [FaultKind.Crash, FaultKind.Partition] });

        var kinds = Enumerable.Range(1, 300).SelectMany(s => gen.Generate((ulong)s).Faults).Select(f => f.Kind).ToHashSet();

        Assert.That(kinds, Is.EquivalentTo(new[] { FaultKind.Crash, FaultKind.Partition }));
    }

    [Test]
    public void Shrinking_always_ends_even_when_every_candidate_still_fails()
    {
        ExploreCluster c = Pair();
        var gen = new ScheduleGen(c, ExploreSettings.Default);
        Arbitrary<Schedule> arbitrary = ScheduleArbitrary.For(gen);
        for (ulong seed = 1; seed <= 100; seed++)
        {
            Schedule s = gen.Generate(seed);
            int steps = 0;
            while (arbitrary.Shrinker(s).FirstOrDefault() is { } smaller)
            {
                Assert.That(smaller.ActionCount, Is.LessThanOrEqualTo(s.ActionCount));
                s = smaller;
                Assert.That(++steps, Is.LessThan(1000), $"seed {seed}: shrinking does not end");
            }

            Assert.That(s.Faults, Is.Empty);
        }
    }

    [Test]
    public void A_schedule_written_as_a_scenario_file_replays_the_same_run_byte_for_byte()
    {
        ExploreCluster c = Pair();
        var gen = new ScheduleGen(c, ExploreSettings.Default);
        var runner = new TrialRunner(c, Sim.Checks.Properties.ClusterProperty.All, ExploreSettings.Default.DurationUs);
        var full = new SimulationOptions { Recording = RecordingLevel.Full };
        for (ulong seed = 1; seed <= 40; seed++)
        {
            Scenario inProcess = runner.ScenarioOf(gen.Generate(seed), "replay");
            string yaml = c.ScenarioFile(inProcess, ["written by a test"]);
            ScenarioLoadResult load = ScenarioLoader.LoadText(yaml, "replay.yaml");
            Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics) + "\n" + yaml);

            SimulationResult a = new Simulator(inProcess, full).Run();
            SimulationResult b = new Simulator(load.Scenario!, full).Run();
            Assert.That(Jsonl(b), Is.EqualTo(Jsonl(a)), $"seed {seed}\n{yaml}");
            Assert.That(ExpectationEvaluator.Evaluate(b).Select(v => v.Evidence), Is.EqualTo(ExpectationEvaluator.Evaluate(a).Select(v => v.Evidence)));
        }
    }

    private static string Jsonl(SimulationResult r)
    {
        var w = new StringWriter { NewLine = "\n" };
        TraceJsonl.Write(r.Trace, w);
        return w.ToString();
    }
}
