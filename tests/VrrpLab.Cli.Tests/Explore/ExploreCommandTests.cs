namespace VrrpLab.Cli.Tests.Explore;

/// <summary><c>vrrplab explore</c> and <c>explore merge</c>: findings end to end, exit codes, bad input.</summary>
public class ExploreCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Execute(args);

    private static string SeedFile(string name) =>
        Path.Combine(Workspace.Root, "scenarios", "configs", name);

    [Test]
    public void The_seed_pair_with_state_master_and_nopreempt_fails_nopreempt_respected_and_the_written_file_fails_vrrplab_run_the_same_way()
    {
        using var w = new Workspace("explore-cmd");
        string one = Path.Combine(w.Dir, "real-server1.conf");
        File.WriteAllText(one, File.ReadAllText(SeedFile("real-server1.keepalived.conf")).Replace("state BACKUP", "state MASTER", StringComparison.Ordinal));
        string two = SeedFile("real-server2.keepalived.conf");
        string outDir = Path.Combine(w.Dir, "out");

        var (code, stdout, _) = Run("explore", one, two, "--runs", "200", "--out", outDir, "--junit", Path.Combine(outDir, "junit.xml"));

        string file = Path.Combine(outDir, "nopreempt_respected.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), stdout);
            Assert.That(stdout, Does.StartWith("vrrplab explore: 2 nodes"));
            Assert.That(stdout, Does.Contain("FAIL  nopreempt_respected"));
            Assert.That(stdout, Does.Contain("replay: vrrplab run " + file));
            Assert.That(File.Exists(file), Is.True);
            Assert.That(File.Exists(Path.Combine(outDir, "explore-result.json")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(outDir, "junit.xml")), Does.Contain("<failure"));
        });

        var (runCode, runOut, _) = Run("run", file);
        Assert.Multiple(() =>
        {
            Assert.That(runCode, Is.EqualTo(1), runOut);
            Assert.That(runOut, Does.Contain("FAIL  property nopreempt_respected: real-server1 (VI_1, configured nopreempt) became MASTER"));
        });
    }

    [TestCase(null, "crash, stop, kill, restart, script, link, partition, loss, latency, pause, drift", "flood (opt-in")]
    [TestCase("all", "crash, stop, kill, restart, script, link, partition, loss, latency, pause, drift, flood", null)]
    [TestCase("flood,crash", "flood, crash", "stop (not in --faults")]
    public void Floods_are_generated_only_when_asked_for_and_the_summary_names_the_kinds_not_generated(string? faults, string expected, string? notGenerated)
    {
        using var w = new Workspace("explore-faults");
        string[] args = ["explore", SeedFile("real-server1.keepalived.conf"), SeedFile("real-server2.keepalived.conf"), "--runs", "4", "--out", Path.Combine(w.Dir, "out")];
        var (code, stdout, err) = Run(faults is null ? args : [.. args, "--faults", faults]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(2), err);
            Assert.That(stdout, Does.Contain("; faults: " + expected + "\n"));
            if (notGenerated is null)
            {
                Assert.That(stdout, Does.Not.Contain("faults not generated"));
            }
            else
            {
                Assert.That(stdout, Does.Contain("  faults not generated: ").And.Contain(notGenerated));
            }
        });
    }

    [Test]
    public void Help_says_why_flood_is_opt_in()
    {
        var (code, stdout, _) = Run("explore", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(stdout, Does.Contain("(default: all but flood)"));
            Assert.That(stdout, Does.Contain("flood is opt-in"));
        });
    }

    [Test]
    public void A_broken_configuration_or_scenario_exits_2_with_its_location()
    {
        using var w = new Workspace("explore-bad");
        string conf = Path.Combine(w.Dir, "bad.conf");
        File.WriteAllText(conf, "vrrp_instance VI_1 {\n    virtual_router_id 300\n}\n");
        string yaml = Path.Combine(w.Dir, "bad.yaml");
        File.WriteAllText(yaml, "name: x\nduration: 10s\nnodes: 3\n");

        var (c1, _, e1) = Run("explore", conf, "--out", Path.Combine(w.Dir, "o1"));
        var (c2, _, e2) = Run("explore", yaml, "--out", Path.Combine(w.Dir, "o2"));
        var (c3, _, e3) = Run("explore", Path.Combine(w.Dir, "missing.conf"));

        Assert.Multiple(() =>
        {
            Assert.That(c1, Is.EqualTo(2));
            Assert.That(e1, Does.Contain("bad.conf:1:1: error"));
            Assert.That(c2, Is.EqualTo(2));
            Assert.That(e2, Does.Contain("bad.yaml:3:"));
            Assert.That(c3, Is.EqualTo(2));
            Assert.That(e3, Does.Contain("missing.conf"));
        });
    }

    [Test]
    public void Merge_of_an_incomplete_set_of_shards_or_of_a_non_result_exits_2()
    {
        using var w = new Workspace("explore-merge");
        string target = Path.Combine(Workspace.Root, "scenarios", "seed-article-failover.yaml");
        string dir = Path.Combine(w.Dir, "shards");
        Assert.That(Run("explore", target, "--runs", "20", "--shard", "0/2", "--out", dir).Code, Is.EqualTo(0));
        string junk = Path.Combine(w.Dir, "junk.json");
        File.WriteAllText(junk, "{\"format\": \"something else\"}");

        var (c1, _, e1) = Run("explore", "merge", dir);
        var (c2, _, e2) = Run("explore", "merge", junk);
        Assert.That(Run("explore", target, "--runs", "20", "--shard", "1/2", "--out", dir).Code, Is.EqualTo(0));
        var (c3, o3, _) = Run("explore", "merge", dir, "--out", Path.Combine(w.Dir, "merged"));

        Assert.Multiple(() =>
        {
            Assert.That(c1, Is.EqualTo(2));
            Assert.That(e1, Does.Contain("missing shard 1/2"));
            Assert.That(c2, Is.EqualTo(2));
            Assert.That(e2, Does.Contain("junk.json:1:1").And.Contain("not a vrrplab explore result"));
            Assert.That(c3, Is.EqualTo(0), o3);
            Assert.That(o3, Does.Contain("all 6 properties held in 20 runs"));
        });
    }
}
