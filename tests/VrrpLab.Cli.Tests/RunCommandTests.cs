using System.Xml.Linq;

namespace VrrpLab.Cli.Tests;

/// <summary><c>vrrplab run</c>: exit codes 0/1/2, evidence, replay line, JSON, JUnit and trace files.</summary>
public class RunCommandTests : TempDirectoryTest
{
    private static readonly string Scenario = PairScenario.Yaml(
        "NAME",
        "always: single_master",
        "takeover: { node: node2, after: 10s, within: [0s, 1s] }",
        "{ at: 20s, master: MASTER_AT_20 }");

    private string Write(string file, string name, string masterAt20 = "node2", Func<string, string>? edit = null)
    {
        string path = Path.Combine(TempDir, file);
        string text = Scenario.Replace("NAME", name, StringComparison.Ordinal).Replace("MASTER_AT_20", masterAt20, StringComparison.Ordinal);
        File.WriteAllText(path, (edit ?? (s => s))(text));
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Execute(["run", .. args]);

    [Test]
    public void Passing_scenarios_exit_0_and_show_each_verdict_with_evidence()
    {
        string f = Write("a.yaml", "graceful");
        (int code, string stdout, _) = Run(f);
        Assert.That(code, Is.EqualTo(0), stdout);
        Assert.That(stdout, Does.Contain("PASS  graceful"));
        Assert.That(stdout, Does.Contain("node2 became MASTER at 10.804787s"));
        Assert.That(stdout, Does.Contain("1 scenario: 1 passed, 0 failed"));
    }

    [Test]
    public void A_wrong_expectation_exits_1_with_evidence_timeline_seed_and_replay_line()
    {
        string f = Write("a.yaml", "wrong", masterAt20: "node1");
        (int code, string stdout, _) = Run(f, "--seed", "9");
        Assert.That(code, Is.EqualTo(1), stdout);
        Assert.That(stdout, Does.Contain("FAIL  wrong"));
        Assert.That(stdout, Does.Contain("FAIL  at 20s master node1: at 20s: node2 was MASTER"));
        Assert.That(stdout, Does.Contain("action stop node1"));
        Assert.That(stdout, Does.Contain("seed: 9"));
        Assert.That(stdout, Does.Contain($"replay: vrrplab run {f} --seed 9"));
    }

    [Test]
    public void A_malformed_file_exits_2_with_its_location()
    {
        string good = Write("a.yaml", "good");
        string bad = Write("b.yaml", "bad", edit: s => s.Replace("{ at: 10s, stop: node1 }", "{ at: 10 sec, stop: node1 }", StringComparison.Ordinal));
        (int code, string stdout, string stderr) = Run(TempDir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"{bad}:26:11: at: bad duration '10 sec'"));
        Assert.That(stdout, Does.Contain("PASS  good"), "valid files still run");
        Assert.That(stdout, Does.Contain("1 invalid file"));
        _ = good;
    }

    [Test]
    public void Duplicate_scenario_names_in_one_run_are_an_error_at_the_second_name()
    {
        Write("a.yaml", "same");
        string second = Write("b.yaml", "same");
        (int code, _, string stderr) = Run(TempDir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"{second}:1:7: scenario name 'same' is already used by"));
    }

    [TestCase("--seed", "minus-one", "option --seed")]
    [TestCase("--format", "xml", "option --format")]
    [TestCase("--bogus", "1", "unknown option '--bogus'")]
    public void Bad_options_exit_2_naming_the_option(string option, string value, string message)
    {
        string f = Write("a.yaml", "x");
        (int code, _, string stderr) = Run(f, option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
    }

    [Test]
    public void A_missing_path_exits_2_naming_it()
    {
        (int code, _, string stderr) = Run(Path.Combine(TempDir, "nope.yaml"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("nope.yaml: no such file or directory"));
    }

    [Test]
    public void Json_format_prints_one_document_with_every_verdict()
    {
        string f = Write("a.yaml", "wrong", masterAt20: "node1");
        (int code, string stdout, _) = Run(f, "--format", "json");
        Assert.That(code, Is.EqualTo(1));
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement sc = doc.RootElement.GetProperty("scenarios")[0];
        Assert.That(sc.GetProperty("result").GetString(), Is.EqualTo("fail"));
        Assert.That(sc.GetProperty("expectations").GetArrayLength(), Is.EqualTo(3));
        Assert.That(sc.GetProperty("expectations")[2].GetProperty("result").GetString(), Is.EqualTo("fail"));
        Assert.That(sc.GetProperty("replay").GetString(), Does.EndWith("--seed 1"));
        Assert.That(doc.RootElement.GetProperty("exit_code").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Json_gives_an_instant_as_t_us_and_an_interval_as_t_us_to_t_end_us()
    {
        string f = Write("a.yaml", "interval", edit: s => s + "\n  - outage: { max: 5s, after: 5s }\n");
        (int code, string stdout, _) = Run(f, "--format", "json");
        Assert.That(code, Is.EqualTo(0), stdout);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement[] ex = [.. doc.RootElement.GetProperty("scenarios")[0].GetProperty("expectations").EnumerateArray()];
        JsonElement takeover = ex[1];
        JsonElement outage = ex[3];
        Assert.Multiple(() =>
        {
            Assert.That(takeover.GetProperty("t_us").GetInt64(), Is.InRange(10_000_000, 11_000_000), "node2 became MASTER then");
            Assert.That(takeover.TryGetProperty("t_end_us", out _), Is.False, "a takeover is an instant");
            Assert.That(outage.GetProperty("evidence").GetString(), Does.StartWith("longest outage"));
            long start = outage.GetProperty("t_us").GetInt64();
            Assert.That(start, Is.GreaterThanOrEqualTo(10_000_000), "the outage begins at the stop");
            Assert.That(outage.GetProperty("t_end_us").GetInt64(), Is.GreaterThan(start).And.LessThan(start + 5_000_000));
        });
    }

    [Test]
    public void Junit_has_one_test_case_per_expectation_and_trace_writes_jsonl_and_perfetto()
    {
        string f = Write("a.yaml", "wrong", masterAt20: "node1");
        string junit = Path.Combine(TempDir, "out", "junit.xml");
        string traces = Path.Combine(TempDir, "traces");
        (int code, _, _) = Run(f, "--junit", junit, "--trace", traces);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(File.ReadAllBytes(junit)[..5], Is.EqualTo("<?xml"u8.ToArray()), "UTF-8 without a byte-order mark");
        XDocument x = XDocument.Load(junit);
        Assert.That(x.Descendants("testcase").Count(), Is.EqualTo(3));
        Assert.That(x.Descendants("failure").Count(), Is.EqualTo(1));

        string[] lines = File.ReadAllLines(Path.Combine(traces, "wrong.jsonl"));
        Assert.That(lines, Is.Not.Empty);
        foreach (string l in lines)
        {
            using JsonDocument e = JsonDocument.Parse(l);
            Assert.That(e.RootElement.TryGetProperty("t_us", out _) && e.RootElement.TryGetProperty("node", out _) && e.RootElement.TryGetProperty("kind", out _), l);
        }

        using JsonDocument perfetto = JsonDocument.Parse(File.ReadAllText(Path.Combine(traces, "wrong.perfetto.json")));
        JsonElement[] events = [.. perfetto.RootElement.GetProperty("traceEvents").EnumerateArray()];
        Assert.That(events.Any(e => e.GetProperty("ph").GetString() == "X" && e.GetProperty("name").GetString() == "MASTER"));
        Assert.That(events.Any(e => e.GetProperty("ph").GetString() == "s"), "advert flow arrows");
    }
}
