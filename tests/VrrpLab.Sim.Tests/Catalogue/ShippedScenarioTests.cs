namespace VrrpLab.Sim.Tests.Catalogue;

/// <summary>
/// Every scenario of the catalogue (scenarios/*.yaml) passes: its hand-derived expectations hold
/// in the simulator. One test case per file, so CI names the scenario that broke.
/// </summary>
public sealed class ShippedScenarioTests
{
    private static IEnumerable<TestCaseData> Files() =>
        Directory.GetFiles(RepoPaths.Scenarios, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("Scenario_holds_its_derived_expectations(" + Path.GetFileNameWithoutExtension(f) + ")"));

    [TestCaseSource(nameof(Files))]
    public void Scenario_holds_its_derived_expectations(string file)
    {
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file);
        Assert.That(loaded.Scenario, Is.Not.Null, string.Join("\n", loaded.Diagnostics));
        ScenarioResult result = ScenarioRunner.Run(loaded.Scenario!);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdicts, Is.Not.Empty, "a catalogue scenario must expect something");
            Assert.That(result.Passed, Is.True, string.Join("\n", result.Verdicts.Where(v => !v.Passed).Select(v => v.Description + ": " + v.Evidence)));
        });
    }

    [Test]
    public void The_catalogue_answers_every_question_of_the_issue()
    {
        string[] names = [.. Directory.GetFiles(RepoPaths.Scenarios, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>()];
        string[] required =
        [
            "preempt-failover-failback", "nopreempt-failover-no-failback", "nopreempt-start-order", "graceful-stop-skew-takeover",
            "crash-mdi-takeover", "health-check-fault", "timing-v2-advert-int-5", "timing-v3-advert-int-5", "equal-priority-higher-ip-wins",
            "split-brain-advert-int-mismatch", "split-brain-auth-mismatch", "nopreempt-reboot-late-link", "packet-loss-flapping",
            "partition-heal", "paused-master", "sigkill-stale-vip", "preempt-delay", "three-routers-v3", "seed-article-failover",
        ];
        Assert.That(names, Is.SupersetOf(required));
    }
}
