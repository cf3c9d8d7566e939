using System.Text.RegularExpressions;
using VrrpLab.Report.Html;

namespace VrrpLab.Report.Tests.Html;

/// <summary>The file itself: deterministic, self-contained, safe with any names, an index only when needed.</summary>
public class HtmlReportWriterTests
{
    [Test]
    public void The_same_run_gives_the_same_bytes()
    {
        string a = HtmlReportWriter.ToHtml(ScenarioReports.Document("t", [TestRuns.Shipped("packet-loss-random.yaml")]));
        string b = HtmlReportWriter.ToHtml(ScenarioReports.Document("t", [TestRuns.Shipped("packet-loss-random.yaml")]));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(a, Does.Not.Match(@"20\d\d-\d\d-\d\d"), "no date of generation");
    }

    [Test]
    public void The_file_loads_nothing_from_anywhere()
    {
        string html = HtmlReportWriter.ToHtml(ScenarioReports.Document("t", [TestRuns.Shipped("seed-article-failover.yaml")]));
        Assert.That(html, Does.Not.Contain("<link"));
        Assert.That(html, Does.Not.Contain("@import"));
        Assert.That(Regex.IsMatch(html, @"\bsrc\s*="), Is.False, "no src attribute");
        Assert.That(Regex.IsMatch(html, @"url\((?!#)"), Is.False, "only url(#pattern) references");
        // The only absolute URL is the SVG namespace name, which is an identifier, never fetched.
        string[] urls = [.. Regex.Matches(html, @"https?://[^\s""'<>)]+").Select(m => m.Value).Distinct()];
        Assert.That(urls, Is.EqualTo(new[] { "http://www.w3.org/2000/svg" }));
        Assert.That(Regex.IsMatch(html, @"(fetch|XMLHttpRequest|import\s*\()"), Is.False);
    }

    [Test]
    public void Names_that_look_like_markup_stay_text()
    {
        ScenarioResult r = TestRuns.FromYaml(TestRuns.FailingPair);
        const string Evil = "</script><b>x</b> & 'y'";
        ReportSection section = ScenarioReports.Section(r.Scenario, [ScenarioReports.Run(r, Evil), ScenarioReports.Run(r)]) with { Title = Evil, Description = Evil };
        string html = HtmlReportWriter.ToHtml(new ReportDocument("<title>", [section]) { Subtitle = "a < b" });
        Assert.That(html, Does.Not.Contain("<b>x</b>"));
        Assert.That(html, Does.Contain("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;"));
        Assert.That(html, Does.Contain("\\u003C/script\\u003E"), "escaped inside the figure's JSON");
        Assert.That(Regex.Count(html, "</script>"), Is.EqualTo(2), "only the data block and the script end");
        Assert.That(html, Does.Contain("<title>&lt;title&gt;</title>"));
    }

    [Test]
    public void Several_sections_get_an_index_with_unique_anchors_and_one_section_gets_none()
    {
        ScenarioResult r = TestRuns.FromYaml(TestRuns.FailingPair);
        string one = HtmlReportWriter.ToHtml(ScenarioReports.Document("t", [r]));
        Assert.That(one, Does.Not.Contain("<nav class=\"index\">"));
        var doc = new ReportDocument("t", [ScenarioReports.Section(r), ScenarioReports.Section(r), new ReportSection("Fail Pair", [])]);
        string many = HtmlReportWriter.ToHtml(doc);
        Assert.That(many, Does.Contain("<nav class=\"index\">"));
        Assert.That(many, Does.Contain("href=\"#s-failing-pair\"").And.Contain("href=\"#s-failing-pair-2\"").And.Contain("href=\"#s-fail-pair\""));
        Assert.That(many, Does.Contain("3 sections: 1 passed, 2 failed"));
    }

    [Test]
    public void Each_figure_carries_its_checks_with_the_instant_or_interval_of_their_evidence()
    {
        ScenarioResult r = TestRuns.Shipped("seed-article-failover.yaml");
        string html = HtmlReportWriter.ToHtml(ScenarioReports.Document("t", [r]));
        Assert.That(html, Does.Contain("\"name\":\"outage max 805100us after 20s\",\"ok\":true,"));
        Assert.That(html, Does.Contain("\"t\":60000000,\"t2\":60805087}"), "the outage's interval");
        Assert.That(html, Does.Contain("\"t\":60804787}"), "the takeover's instant");
    }
}
