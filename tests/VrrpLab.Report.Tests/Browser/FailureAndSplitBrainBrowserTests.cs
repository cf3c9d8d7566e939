namespace VrrpLab.Report.Tests.Browser;

/// <summary>What a failed expectation and a split brain look like.</summary>
public class FailureAndSplitBrainBrowserTests
{
    private const string Red = "rgb(215, 38, 61)";

    [Test]
    public async Task A_failed_expectation_is_red_in_the_list_on_the_timeline_and_in_the_heading()
    {
        ScenarioResult r = TestRuns.FromYaml(TestRuns.FailingPair);
        Assert.That(r.Verdicts.Count(v => !v.Passed), Is.EqualTo(1), "the scenario fails exactly its takeover bound");
        await using ReportPage p = await ReportPage.Open(ScenarioReports.Document("failing", [r]));

        ILocator failed = p.Page.Locator("ol.checks li.fail");
        Assert.That(await failed.CountAsync(), Is.EqualTo(1));
        Assert.That(await failed.InnerTextAsync(), Does.Contain("FAIL").And.Contain("takeover node2"));
        Assert.That(await ReportPage.Style(failed.Locator(".badge"), "background-color"), Is.EqualTo(Red));
        Assert.That(await ReportPage.Style(p.Page.Locator("ol.checks li.pass .badge"), "background-color"), Is.EqualTo("rgb(47, 158, 85)"));
        Assert.That(await ReportPage.Style(p.Page.Locator("g.check-mark.fail circle"), "fill"), Is.EqualTo(Red));
        Assert.That(await p.Page.Locator("section.scenario h2 .badge").InnerTextAsync(), Is.EqualTo("FAIL"));
        Assert.That(await ReportPage.Style(p.Page.Locator("section.scenario h2 .badge"), "background-color"), Is.EqualTo(Red));

        // The red mark stands where node2 became MASTER.
        LocatorBoundingBoxResult mark = (await p.Page.Locator("g.check-mark.fail circle").BoundingBoxAsync())!;
        LocatorBoundingBoxResult bar = (await p.StateLane("node2").Locator("rect.bar[data-state='MASTER']").BoundingBoxAsync())!;
        Assert.That(mark.X + (mark.Width / 2), Is.EqualTo(bar.X).Within(1.5));
        string tip = await p.HoverText(p.Page.Locator("g.check-mark.fail circle"));
        Assert.That(tip, Does.Contain("FAIL").And.Contain("node2 became MASTER at 10.804787s"));
    }

    [Test]
    public async Task Two_holders_of_the_VIP_are_drawn_red_and_say_so()
    {
        ScenarioResult r = TestRuns.Shipped("split-brain-advert-int-mismatch.yaml");
        await using ReportPage p = await ReportPage.Open(ScenarioReports.Document("split brain", [r]));
        ILocator two = p.Page.Locator("rect.holder.two");
        Assert.That(await two.CountAsync(), Is.GreaterThanOrEqualTo(1));
        Assert.That(await ReportPage.Style(two, "fill"), Is.EqualTo("rgb(224, 24, 45)"));
        Assert.That(await ReportPage.Style(p.Page.Locator("rect.holder:not(.two)"), "fill"), Is.Not.EqualTo("rgb(224, 24, 45)"));
        string tip = await p.HoverText(two.First);
        Assert.That(tip, Does.Contain("two holders"));
        Assert.That(await p.Page.Locator("path.drop, rect.drop-band").CountAsync(), Is.GreaterThan(0), "the discarded adverts are marked");
    }
}
