namespace VrrpLab.Cli.Tests;

/// <summary><c>--report FILE.html</c> on <c>run</c>, <c>check</c> and <c>explore</c>: the file, its determinism, bad paths.</summary>
public class ReportOptionTests : TempDirectoryTest
{
    private static readonly string Scenario = PairScenario.Yaml("report-pair", "takeover: { node: node2, after: 10s, within: [0s, 1s] }");

    private static (int Code, string Out, string Err) Cli(params string[] args) => CliRun.Execute(args);

    [Test]
    public void Run_writes_one_self_contained_file_with_the_scenario_and_the_same_bytes_every_time()
    {
        string yaml = Path.Combine(TempDir, "pair.yaml");
        File.WriteAllText(yaml, Scenario);
        string a = Path.Combine(TempDir, "out", "a.html");
        string b = Path.Combine(TempDir, "b.html");
        Assert.That(Cli("run", yaml, "--report", a).Code, Is.EqualTo(0));
        Assert.That(Cli("run", "--report=" + b, yaml).Code, Is.EqualTo(0));
        string html = File.ReadAllText(a);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("<h2><span class=\"badge pass\">PASS</span> report-pair</h2>"));
        Assert.That(html, Does.Contain($"vrrplab run {yaml}"), "the command line without the report's own option");
        Assert.That(File.ReadAllBytes(b), Is.EqualTo(File.ReadAllBytes(a)), "same run, same bytes");
    }

    [Test]
    public void A_report_that_cannot_be_written_is_a_usage_error_naming_the_option()
    {
        string yaml = Path.Combine(TempDir, "pair.yaml");
        File.WriteAllText(yaml, Scenario);
        string blocker = Path.Combine(TempDir, "file");
        File.WriteAllText(blocker, "");
        (int code, _, string err) = Cli("run", yaml, "--report", Path.Combine(blocker, "x.html"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("option --report: cannot write"));
        Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Cli("run", yaml, "--report").Code, Is.EqualTo(2), "the option needs a value");
    }

    [Test]
    public void Check_writes_the_findings_and_one_small_timeline_per_simulated_fault()
    {
        string seed = Path.Combine(Repository.Root, "tests", "VrrpLab.Config.Tests", "Corpus");
        string out1 = Path.Combine(TempDir, "check.html");
        (int code, string stdout, _) = Cli("check", Path.Combine(seed, "real-server1.keepalived.conf"), Path.Combine(seed, "real-server2.keepalived.conf"), "--report", out1);
        Assert.That(code, Is.EqualTo(0), stdout);
        string html = File.ReadAllText(out1);
        int faults = stdout.Split('\n').Count(l => l.StartsWith("fault ", StringComparison.Ordinal));
        Assert.That(faults, Is.GreaterThanOrEqualTo(5));
        Assert.That(CountOf(html, "<div class=\"figure compact"), Is.EqualTo(faults + 1), "the startup and one small timeline per simulated fault");
        Assert.That(html, Does.Contain("crash real-server1 (ok)").And.Contain("real-server1 powers off at 28s"));
        Assert.That(html, Does.Contain("partition real-server1 (split)"));
        Assert.That(html, Does.Contain("VL012"), "the lint findings are listed");
    }

    [Test]
    public void Explore_shows_each_property_and_the_timeline_of_each_shrunk_counterexample()
    {
        string scenario = Path.Combine(Repository.Root, "scenarios", "split-brain-advert-int-mismatch.yaml");
        string outDir = Path.Combine(TempDir, "explore");
        string html = Path.Combine(TempDir, "explore.html");
        (int code, string stdout, _) = Cli("explore", scenario, "--runs", "4", "--duration", "30s", "--threads", "1", "--out", outDir, "--report", html);
        Assert.That(code, Is.EqualTo(1), stdout);
        string text = File.ReadAllText(html);
        Assert.That(text, Does.Contain("<h2><span class=\"badge fail\">FAIL</span> one_master_when_quiet</h2>"));
        Assert.That(text, Does.Contain("<h2><span class=\"badge pass\">PASS</span> vip_only_on_master</h2>"));
        Assert.That(text, Does.Contain("replay</dt><dd>vrrplab run " + Path.Combine(outDir, "one_master_when_quiet.yaml")));
        Assert.That(CountOf(text, "class=\"fig-data\""), Is.EqualTo(1), "one timeline: the failed property's counterexample");
        Assert.That(text, Does.Contain("both MASTER of VRID 51"));
    }

    [Test]
    public void Explore_merge_writes_the_report_of_the_unsharded_run()
    {
        string scenario = Path.Combine(Repository.Root, "scenarios", "split-brain-advert-int-mismatch.yaml");
        string[] common = ["--runs", "6", "--duration", "30s", "--threads", "1"];
        string whole = Path.Combine(TempDir, "whole.html");
        string shards = Path.Combine(TempDir, "shards");
        string merged = Path.Combine(TempDir, "merged");
        string mergedHtml = Path.Combine(TempDir, "merged.html");
        Assert.That(Cli(["explore", scenario, .. common, "--out", merged, "--report", whole]).Code, Is.EqualTo(1));
        foreach (string shard in new[] { "0/2", "1/2" })
        {
            Assert.That(Cli(["explore", scenario, .. common, "--shard", shard, "--out", shards]).Code, Is.EqualTo(1));
        }

        (int code, string stdout, string err) = Cli("explore", "merge", shards, "--out", merged, "--report", mergedHtml);

        Assert.That(code, Is.EqualTo(1), stdout + err);
        string text = File.ReadAllText(mergedHtml);
        Assert.That(text, Does.Contain("<p class=\"sub\">vrrplab explore merge " + shards + " --out " + merged + "</p>"));
        Assert.That(text, Does.Contain("<h2><span class=\"badge fail\">FAIL</span> one_master_when_quiet</h2>"));
        Assert.That(WithoutSubtitle(text), Is.EqualTo(WithoutSubtitle(File.ReadAllText(whole))), "the counterexamples, replayed from the same files, draw the same");
        Assert.That(Cli("explore", "merge", shards, "--out", merged, "--report").Code, Is.EqualTo(2), "the option needs a value");
    }

    [Test]
    public void Lab_draws_the_simulated_and_the_real_run_of_a_scenario_in_one_section()
    {
        // A real run: root, namespaces and keepalived 2.2.7 (CI runs as root with them installed); 30 s of real time.
        string scenario = Path.Combine(Repository.Root, "scenarios", "graceful-stop-skew-takeover.yaml");
        string html = Path.Combine(TempDir, "lab.html");
        (int code, string stdout, string err) = Cli("lab", scenario, "--impl", "keepalived", "--report", html);

        // Pass or fail (real timings on a loaded host are the lab's business): either way the report is written.
        Assert.That(code, Is.EqualTo(0).Or.EqualTo(1), stdout + err);
        string text = File.ReadAllText(html);
        Assert.That(text, Does.Contain("<p class=\"sub\">vrrplab lab " + scenario + " --impl keepalived</p>"));
        Assert.That(CountOf(text, "<section"), Is.EqualTo(1), "one section for the scenario");
        Assert.That(CountOf(text, "class=\"fig-data\""), Is.EqualTo(1), "one figure: both runs on one time axis");
        Assert.That(text, Does.Contain("\"runs\":[\"simulated\",\"real: keepalived: node1, node2\"]"), "both runs are drawn, labelled");
        Assert.That(text, Does.Contain("tolerance</dt><dd>"));
    }

    private static string WithoutSubtitle(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "<p class=\"sub\">[^<]*</p>", "");

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
