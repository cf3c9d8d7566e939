using VrrpLab.Sim.Tracing;

namespace VrrpLab.Report.Tests.Browser;

/// <summary>
/// The seed article's scenario as a person sees its report in Chromium: the lanes, where server2's
/// MASTER bar begins, the hover text, zoom and pan, the evidence of an expectation.
/// </summary>
public class SeedReportBrowserTests
{
    private ScenarioResult _result = null!;
    private ReportDocument _document = null!;

    [OneTimeSetUp]
    public void Run()
    {
        _result = TestRuns.Shipped("seed-article-failover.yaml");
        _document = ScenarioReports.Document("vrrplab run: seed-article-failover", [_result]);
    }

    private long Server2MasterUs => _result.Simulation.Trace.Single(e => e.Kind == TraceKind.State && e.Node == "server2" && e.To == "MASTER").TimeUs;

    [Test]
    public async Task Every_node_the_VIP_and_the_client_have_a_lane_with_a_label_and_the_legend_is_shown()
    {
        await using ReportPage p = await ReportPage.Open(_document);
        ILocator states = p.Page.Locator("g.lane[data-kind='state']");
        Assert.That(await states.CountAsync(), Is.EqualTo(2));
        Assert.That(await states.Nth(0).GetAttributeAsync("data-node"), Is.EqualTo("server1"));
        Assert.That(await states.Nth(1).GetAttributeAsync("data-node"), Is.EqualTo("server2"));
        Assert.That(await p.Page.Locator("g.lane[data-kind='vip'][data-address='192.168.179.199']").CountAsync(), Is.EqualTo(1));
        Assert.That(await p.Page.Locator("g.lane[data-kind='client'][data-client='client@lan179']").CountAsync(), Is.EqualTo(1));

        string labels = string.Join("|", await p.Page.Locator("text.lane-label").AllTextContentsAsync());
        Assert.That(labels, Does.Contain("server1 · VI_1").And.Contain("server2 · VI_1").And.Contain("VIP 192.168.179.199"));
        Assert.That(await p.Page.Locator(".legend").First.IsVisibleAsync(), Is.True);
        string legend = await p.Page.Locator(".legend").First.InnerTextAsync();
        Assert.That(legend, Does.Contain("MASTER").And.Contain("BACKUP").And.Contain("FAULT").And.Contain("STOP").And.Contain("two holders").And.Contain("priority 0"));

        // Each state bar is coloured as the legend says.
        string master = await ReportPage.Style(p.StateLane("server2").Locator("rect.bar[data-state='MASTER']"), "fill");
        string backup = await ReportPage.Style(p.StateLane("server2").Locator("rect.bar[data-state='BACKUP']"), "fill");
        Assert.That(master, Is.EqualTo("rgb(47, 158, 85)"));
        Assert.That(backup, Is.EqualTo("rgb(111, 159, 216)"));
        Assert.That(p.Requests.All(u => u.StartsWith("file://", StringComparison.Ordinal)), Is.True, string.Join(", ", p.Requests));
    }

    [Test]
    public async Task Server2s_MASTER_bar_starts_on_the_axis_where_the_trace_says_whole_run_and_zoomed_in()
    {
        await using ReportPage p = await ReportPage.Open(_document);
        ILocator bar = p.StateLane("server2").Locator("rect.bar[data-state='MASTER']");
        LocatorBoundingBoxResult box = (await bar.BoundingBoxAsync())!;
        double expected = await p.AxisX(Server2MasterUs);
        Assert.That(box.X, Is.EqualTo(expected).Within(1.0), "at the whole run's scale (one pixel is about 0.16s)");

        // Click the takeover expectation: the view zooms to its evidence, where one pixel is milliseconds.
        await p.Page.Locator("ol.checks li", new PageLocatorOptions { HasText = "takeover server2" }).ClickAsync();
        (double v0, double v1) = await p.VisibleRange();
        Assert.That(v1 - v0, Is.LessThan(20_000_000), "zoomed in");
        Assert.That(Server2MasterUs, Is.InRange(v0, v1));
        box = (await bar.BoundingBoxAsync())!;
        expected = await p.AxisX(Server2MasterUs);
        Assert.That(box.X, Is.EqualTo(expected).Within(1.0));
        double beforeStop = await p.AxisX(60_000_000);
        Assert.That(box.X - beforeStop, Is.GreaterThan(20), "the 0.8s gap after the stop is visible");
    }

    [Test]
    public async Task Hovering_a_bar_an_advert_or_a_marker_shows_its_event()
    {
        await using ReportPage p = await ReportPage.Open(_document);
        string bar = await p.HoverText(p.StateLane("server2").Locator("rect.bar[data-state='MASTER']"));
        Assert.That(bar, Does.Contain("server2 · VI_1").And.Contain("MASTER from 60.804787s to 200s").And.Contain("entered: master down timer"));

        string zero = await p.HoverText(p.StateLane("server1").Locator("g.adv0"));
        Assert.That(zero, Does.Contain("advert_tx").And.Contain("at 60s").And.Contain("priority 0"));

        string outage = await p.HoverText(p.Page.Locator("rect.outage"));
        Assert.That(outage, Does.Contain("outage").And.Contain("from 60s to 60.805087s"));

        string marker = await p.HoverText(p.Page.Locator("g.marker", new PageLocatorOptions { HasText = "stop server1" }).Locator("text"));
        Assert.That(marker, Does.Contain("60s").And.Contain("stop server1"));
    }

    [Test]
    public async Task The_wheel_zooms_around_the_pointer_dragging_pans_and_a_double_click_shows_the_whole_run()
    {
        await using ReportPage p = await ReportPage.Open(_document);
        Assert.That(await p.VisibleRange(), Is.EqualTo((0d, 200_000_000d)));
        string before = await p.Figure().Locator(".range").InnerTextAsync();
        string[] ticksBefore = [.. await p.Page.Locator("text.tick").AllTextContentsAsync()];

        // The pointer near 60s (on a whole pixel, as a mouse is): remember the time under it.
        double x60 = Math.Round(await p.AxisX(60_000_000));
        double under = await p.AxisTime(x60);
        LocatorBoundingBoxResult plot = (await p.Figure().Locator(".plot").BoundingBoxAsync())!;
        double y = Math.Round(plot.Y + (plot.Height / 2));
        await p.Page.Mouse.MoveAsync((float)x60, (float)y);
        for (int i = 0; i < 4; i++)
        {
            await p.Page.Mouse.WheelAsync(0, -300);
        }

        await p.Page.WaitForFunctionAsync("() => +document.querySelector('.range').dataset.v1 - +document.querySelector('.range').dataset.v0 < 100000000");
        (double v0, double v1) = await p.VisibleRange();
        Assert.That(v1 - v0, Is.LessThan(100_000_000), "zoomed in");
        Assert.That(60_000_000d, Is.InRange(v0, v1), "around the pointer");
        Assert.That(await p.AxisX((long)under), Is.EqualTo(x60).Within(1.5), "the time under the pointer stays under it");
        Assert.That(await p.Figure().Locator(".range").InnerTextAsync(), Is.Not.EqualTo(before));
        Assert.That(await p.Page.Locator("text.tick").AllTextContentsAsync(), Is.Not.EqualTo(ticksBefore), "the axis relabels");

        // Drag 200 pixels to the right: earlier times come into view.
        await p.Page.Mouse.MoveAsync((float)x60, (float)y);
        await p.Page.Mouse.DownAsync();
        await p.Page.Mouse.MoveAsync((float)x60 + 100, (float)y, new MouseMoveOptions { Steps = 4 });
        await p.Page.Mouse.MoveAsync((float)x60 + 200, (float)y, new MouseMoveOptions { Steps = 4 });
        await p.Page.Mouse.UpAsync();
        (double p0, double p1) = await p.VisibleRange();
        Assert.That(p1 - p0, Is.EqualTo(v1 - v0).Within(2), "panning keeps the zoom");
        Assert.That(p0, Is.LessThan(v0 - 1_000_000), "panned towards the start");

        await p.Page.Mouse.DblClickAsync((float)x60, (float)y);
        Assert.That(await p.VisibleRange(), Is.EqualTo((0d, 200_000_000d)));
    }

    [Test]
    public async Task Hovering_an_expectation_highlights_its_interval_on_the_timeline()
    {
        await using ReportPage p = await ReportPage.Open(_document);
        await p.Page.Locator("ol.checks li", new PageLocatorOptions { HasText = "outage max" }).ClickAsync();
        ILocator band = p.Page.Locator("g.focus rect");
        Assert.That(await band.CountAsync(), Is.EqualTo(1), "an interval, not just an instant");
        LocatorBoundingBoxResult focus = (await band.BoundingBoxAsync())!;
        LocatorBoundingBoxResult outage = (await p.Page.Locator("rect.outage").BoundingBoxAsync())!;
        Assert.That(focus.X, Is.EqualTo(outage.X).Within(1.0));
        Assert.That(focus.Width, Is.EqualTo(outage.Width).Within(1.5));
        Assert.That(await p.Page.Locator("ol.checks li.hot").InnerTextAsync(), Does.Contain("outage max 805100us"));
    }
}
