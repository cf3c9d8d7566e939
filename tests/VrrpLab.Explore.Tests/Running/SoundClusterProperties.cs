using VrrpLab.Sim.Checks.Properties;

namespace VrrpLab.Explore.Tests.Running;

/// <summary>
/// The project's own property test on top of explore: random sound clusters (distinct priorities,
/// state BACKUP, matching settings) under random schedules of every fault satisfy all six
/// properties. A failure prints the cluster and the shrunk schedule as a scenario file.
/// </summary>
public class SoundClusterProperties
{
    [FsProperty(MaxTest = 60)]
    public Property Sound_clusters_satisfy_every_property_under_any_schedule() =>
        Prop.ForAll(Arb.From(RandomClusters.Specs()), Arb.From(Gen.Choose(1, int.MaxValue)), (spec, seed) =>
        {
            ExploreCluster cluster = spec.Cluster();
            var gen = new ScheduleGen(cluster, ExploreSettings.Default);
            var runner = new TrialRunner(cluster, ClusterProperty.All, ExploreSettings.Default.DurationUs);
            Schedule s = gen.Generate((ulong)seed);
            Trial t = runner.Run(s);
            int failed = Array.FindIndex(t.Verdicts, v => !v.Passed);
            if (failed < 0)
            {
                return Prop.Label(true, "held");
            }

            (Schedule small, long duration, Verdict v, _) = Shrinker.Shrink(runner, cluster, s, failed, 500, default);
            string yaml = cluster.ScenarioFile(runner.ScenarioOf(small, "counterexample", duration, [runner.Properties[failed]]), [v.Evidence]);
            return Prop.Label(false, "\n" + yaml);
        });
}
