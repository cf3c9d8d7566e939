using Json.Schema;

namespace VrrpLab.Cli.Tests.Check;

/// <summary>
/// <c>vrrplab check</c> end to end: one line per fault, the exit code, <c>--depth 2</c>, <c>--emit</c>
/// (each file replays with <c>vrrplab run</c>), and JSON that says what the text says and matches
/// schema/check.schema.json.
/// </summary>
public sealed class CheckFaultSimulationCommandTests : TempDirectoryTest
{
    private string Write(string name, int priority, string extra = "", int weight = -20)
    {
        string path = Path.Combine(TempDir, name);
        File.WriteAllText(path, $$"""
            global_defs {
                script_user root
                enable_script_security
            }
            vrrp_script chk_app {
                script "/bin/true"
                interval 1
                weight {{weight}}
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority {{priority}}
                advert_int 1
                virtual_ipaddress { 10.1.1.100 }
                {{extra}}
            }
            """);
        return path;
    }

    private static (int Exit, string Out, string Err) Check(params string[] args) => CliRun.Execute(["check", .. args]);

    private static string[] Lines(string output, string prefix) =>
        [.. output.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    private static string RepoFile(string relative) => Repository.File(relative);

    [Test]
    public void A_healthy_pair_prints_one_line_per_fault_of_every_host_and_exits_0()
    {
        (int exit, string output, _) = Check(Write("a.conf", 100, "track_script { chk_app }", weight: -60), Write("b.conf", 50));

        string[] faults = Lines(output, "fault ");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(faults, Has.Length.EqualTo(16), output);
            Assert.That(faults.Where(l => l.StartsWith("fault FAIL", StringComparison.Ordinal)), Is.Empty);
            Assert.That(output, Does.Contain("startup ok   VIP 10.1.1.100: a (VRID 51) since 3.609375s"));
            Assert.That(output, Does.Contain("fault ok    crash a: a powers off at 7s, boots at 21s | VIP 10.1.1.100: b takes over in 3.414162s, client outage 3.414462s (after the heal: 0.0002s), 2 moves, final holder a"),
                "the takeover (MDI), then the GARP (100 us) and b resolving the client (request and reply, 200 us); a booted with an empty neighbour cache resolves it again after the heal");
            Assert.That(output, Does.Contain("host a (" + Path.Combine(TempDir, "a.conf") + "): eth0 10.1.1.11/24 on lan"));
            Assert.That(output, Does.Contain("faults: 16 run: ").And.Contain(" split, 1 flap, 0 FAIL"));
            Assert.That(Lines(output, "fault flap  garbage for VRID 51 at 200/s on lan: an extra host on lan sends 200 garbage VRRP datagrams/s naming VRID 51").Single(),
                Does.Contain("limited by unicast peers (unicast_peer) behind a firewall that accepts IP protocol 112 only from them, a VRID no other cluster on the segment uses")
                    .And.Contain("(flaps: "));
        });
    }

    [Test]
    public void A_health_check_too_weak_to_move_the_vip_fails_and_exits_1()
    {
        // Priority 100 - 20 = 80 is still above 50: the failing check leaves the VIP where it is.
        (int exit, string output, _) = Check(Write("a.conf", 100, "track_script { chk_app }"), Write("b.conf", 50));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), output);
            Assert.That(Lines(output, "fault FAIL  chk_app fails on a (weight -20)").Single(), Does.Contain("chk_app fails on a but a keeps the VIP: its priority goes from 100 to 80, BACKUP b 50"));
        });
    }

    [Test]
    public void Depth_2_adds_every_pair_and_says_which_two_failures_leave_no_vip()
    {
        (int exit, string output, _) = Check(Write("a.conf", 100), Write("b.conf", 50), "--depth", "2");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(Lines(output, "fault "), Has.Length.EqualTo(15 + 49 + 14), "7 faults per host and the garbage; a's with b's, each with the garbage");
            Assert.That(Lines(output, "fault lost  crash a + crash b:").Single(), Does.Contain("no host left to hold it"));
            Assert.That(output, Does.Contain("(depth 2;"));
        });
    }

    [Test]
    public void Emit_writes_a_scenario_per_fault_that_run_replays_green()
    {
        string outDir = Path.Combine(TempDir, "emitted");
        (int exit, string output, _) = Check(Write("a.conf", 100), Write("b.conf", 50, "nopreempt"), "--emit", outDir);
        string[] files = Directory.GetFiles(outDir, "*.yaml");

        var stdout = new StringWriter();
        int replay = CommandLine.Execute(["run", outDir], stdout, new StringWriter());
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(files, Has.Length.EqualTo(15 + 1), "one per fault, one for startup");
            Assert.That(File.ReadAllText(Path.Combine(outDir, "check-flood-lan-51.yaml")), Does.Contain("flood: { segment: lan, vrid: 51, rate: 200, for: 7s, kind: garbage }"));
            Assert.That(File.ReadAllText(Path.Combine(outDir, "check-crash-a.yaml")), Does.Contain("keepalived_file: \"../a.conf\"").And.Contain("crash: a"));
            Assert.That(replay, Is.EqualTo(0), stdout.ToString());
            Assert.That(stdout.ToString(), Does.Contain("16 scenarios: 16 passed, 0 failed"));
            Assert.That(output, Does.Contain("wrote 16 scenario file(s) to " + outDir));
        });
    }

    [Test]
    public void Json_says_what_the_text_says_and_matches_the_schema()
    {
        string a = Write("a.conf", 100, "track_script { chk_app }");
        string b = Write("b.conf", 50);
        (int textExit, string text, _) = Check(a, b);
        (int jsonExit, string json, _) = Check(a, b, "--format", "json");

        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement sim = doc.RootElement.GetProperty("faultSimulation");
        string[] jsonLines = [.. sim.GetProperty("faults").EnumerateArray().Select(f =>
            $"fault {(f.GetProperty("status").GetString() == "fail" ? "FAIL" : f.GetProperty("status").GetString()),-5} {f.GetProperty("line").GetString()}")];
        EvaluationResults valid = JsonSchema.FromFile(RepoFile("schema/check.schema.json"))
            .Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.Multiple(() =>
        {
            Assert.That(jsonExit, Is.EqualTo(textExit));
            Assert.That(doc.RootElement.GetProperty("exitCode").GetInt32(), Is.EqualTo(1));
            Assert.That(jsonLines, Is.EqualTo(Lines(text, "fault ")));
            Assert.That(sim.GetProperty("passed").GetBoolean(), Is.False);
            Assert.That(sim.GetProperty("counts").GetProperty("fail").GetInt32(), Is.EqualTo(Lines(text, "fault FAIL").Length));
            Assert.That(valid.IsValid, Is.True, string.Join("\n", (valid.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        });
    }

    [Test]
    public void One_file_says_in_text_and_json_alike_that_the_faults_were_not_run()
    {
        string a = Write("a.conf", 100);
        (_, string text, _) = Check(a);
        (_, string json, _) = Check(a, "--format", "json");

        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement sim = doc.RootElement.GetProperty("faultSimulation");
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("faults not run: it needs the keepalived.conf of at least two hosts"));
            Assert.That(Lines(text, "fault "), Is.Empty);
            Assert.That(sim.GetProperty("status").GetString(), Is.EqualTo("not-run"));
            Assert.That(sim.GetProperty("reason").GetString(), Is.EqualTo("not run: it needs the keepalived.conf of at least two hosts"));
            Assert.That(sim.GetProperty("faults").GetArrayLength(), Is.EqualTo(0));
        });
    }

    [Test]
    public void Bad_depth_is_a_usage_error()
    {
        (int exit, _, string err) = Check(Write("a.conf", 100), "--depth", "3");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Contain("--depth"));
        });
    }
}
