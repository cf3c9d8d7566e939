using VrrpLab.Sim.Events;

namespace VrrpLab.Report.Tests.Browser;

/// <summary>Several runs of one scenario (the lab's simulated and real), several scenarios, small timelines.</summary>
public class SeveralRunsBrowserTests
{
    [Test]
    public async Task Two_runs_are_drawn_one_above_the_other_per_node_with_the_takeover_difference_labelled()
    {
        ScenarioResult sim = TestRuns.Shipped("seed-article-failover.yaml");
        // A "real" run: the same events, with everything from the stop on 12.345 ms later.
        RunEvent[] shifted = [.. sim.Simulation.Log.Select(e => e.TimeUs > 60_000_000 ? e with { TimeUs = e.TimeUs + 12_345 } : e)];
        ReportRun real = new("real: keepalived 2.2.7", sim.Simulation.EndUs, shifted);
        ReportSection section = ScenarioReports.Section(sim.Scenario, [ScenarioReports.Run(sim), real]);
        await using ReportPage p = await ReportPage.Open(new ReportDocument("lab", [section]));

        ILocator lanes = p.Page.Locator("g.lane[data-kind='state']");
        string[] order = [.. await lanes.EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.node + '/' + l.dataset.run)")];
        Assert.That(order, Is.EqualTo(new[]
        {
            "server1/simulated", "server1/real: keepalived 2.2.7", "server2/simulated", "server2/real: keepalived 2.2.7",
        }));
        double simY = (await p.StateLane("server2").Locator("rect.bar").First.BoundingBoxAsync())!.Y;
        double realY = (await p.StateLane("server2", "real: keepalived 2.2.7").Locator("rect.bar").First.BoundingBoxAsync())!.Y;
        Assert.That(realY, Is.GreaterThan(simY), "the real run's lane is right below the simulated one");
        Assert.That(realY - simY, Is.LessThan(40));

        ILocator diff = p.StateLane("server2", "real: keepalived 2.2.7").Locator("text.diff-text");
        Assert.That(await diff.TextContentAsync(), Is.EqualTo("Δ +12.345ms"));
        Assert.That(await p.Page.Locator(".diffs").InnerTextAsync(), Does.Contain("server2 · VI_1").And.Contain("60.804787s").And.Contain("60.817132s").And.Contain("+0.012345s"));
        string tip = await p.HoverText(diff);
        Assert.That(tip, Does.Contain("takeover difference"));
        Assert.That(await p.Page.Locator("text.run-label").AllTextContentsAsync(), Does.Contain("real: keepalived 2.2.7"));
    }

    [Test]
    public async Task Several_scenarios_get_an_index_linking_one_drawn_section_each()
    {
        ScenarioResult[] results =
        [
            TestRuns.Shipped("seed-article-failover.yaml"),
            TestRuns.Shipped("crash-mdi-takeover.yaml"),
            TestRuns.FromYaml(TestRuns.FailingPair),
        ];
        await using ReportPage p = await ReportPage.Open(ScenarioReports.Document("vrrplab run: 3 scenarios", results));
        ILocator rows = p.Page.Locator("nav.index tr.pass, nav.index tr.fail");
        Assert.That(await rows.CountAsync(), Is.EqualTo(3));
        Assert.That(await p.Page.Locator("nav.index tr.fail").InnerTextAsync(), Does.Contain("failing-pair"));
        Assert.That(await p.Page.Locator("header.doc .summary").InnerTextAsync(), Does.Contain("3 sections: 2 passed, 1 failed"));
        for (int i = 0; i < 3; i++)
        {
            string href = (await rows.Nth(i).Locator("a").GetAttributeAsync("href"))!;
            ILocator section = p.Page.Locator(href);
            Assert.That(await section.Locator("h2").InnerTextAsync(), Does.Contain(results[i].Scenario.Name));
            Assert.That(await section.Locator("g.lane[data-kind='state']").CountAsync(), Is.GreaterThanOrEqualTo(2), "drawn");
        }

        await rows.Nth(2).Locator("a").ClickAsync();
        Assert.That(p.Page.Url, Does.EndWith("#s-failing-pair"));
    }

    [Test]
    public async Task A_list_of_small_timelines_draws_each_one_compactly_with_its_verdict()
    {
        ScenarioResult ok = TestRuns.Shipped("crash-mdi-takeover.yaml");
        ScenarioResult bad = TestRuns.FromYaml(TestRuns.FailingPair);
        ReportFigure Small(ScenarioResult r, string title) =>
            ScenarioReports.Figure(r.Scenario, [ScenarioReports.Run(r)], compact: true) with { Title = title, Caption = r.Verdicts[^1].Evidence };
        var section = new ReportSection("check: faults", [Small(ok, "master crash"), Small(bad, "graceful stop")]);
        await using ReportPage p = await ReportPage.Open(new ReportDocument("check", [section]));
        Assert.That(await p.Page.Locator(".figure.compact svg.timeline").CountAsync(), Is.EqualTo(2));
        Assert.That(await p.Page.Locator(".figure.compact .fig-head h3").AllTextContentsAsync(), Is.EqualTo(new[] { "PASS master crash", "FAIL graceful stop" }));
        Assert.That(await p.Page.Locator(".figure.compact line.adv").CountAsync(), Is.Zero, "no advert ticks in small timelines");
        Assert.That(await p.Page.Locator(".legend").CountAsync(), Is.EqualTo(1), "one legend for the list");
        double height = (await p.Page.Locator(".figure.compact svg.timeline").First.BoundingBoxAsync())!.Height;
        Assert.That(height, Is.LessThan(160));
    }
}
