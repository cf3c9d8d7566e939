using VrrpLab.Lab.Daemons;
using VrrpLab.Tests.Shared;

namespace VrrpLab.Lab.Tests;

/// <summary>The lab changes only the script line of each vrrp_script, and the timeline sets what that script returns.</summary>
public class ScriptControlTests : TempDirectoryTest
{
    [Test]
    public void The_seed_configuration_keeps_every_line_but_the_script_line()
    {
        string conf = File.ReadAllText(Path.Combine(LabPaths.Root, "scenarios", "configs", "real-server1.keepalived.conf"));
        (string text, List<ControlledScript> scripts) = ScriptControl.Rewrite("server1", conf, TempDir);
        Assert.That(scripts, Has.Count.EqualTo(1));
        Assert.That(scripts[0].Name, Is.EqualTo("chk_nginx"));
        Assert.That(scripts[0].Original, Is.EqualTo("script \"/data/shell/check_nginx_status.sh\""));
        string[] before = conf.Split('\n');
        string[] after = text.Split('\n');
        Assert.That(after, Has.Length.EqualTo(before.Length));
        string[] changed = [.. before.Zip(after).Where(p => p.First != p.Second).Select(p => p.Second)];
        Assert.That(changed, Has.Length.EqualTo(1));
        Assert.That(changed[0], Does.Contain($"script \"{scripts[0].ScriptPath}\""));
    }

    [Test]
    public void The_controllable_script_exits_with_the_result_the_timeline_set()
    {
        (_, List<ControlledScript> scripts) = ScriptControl.Rewrite("n1", "vrrp_script chk {\n  script \"/bin/false\"\n  interval 1\n}\nvrrp_instance VI_1 {\n  track_script {\n    chk\n  }\n}\n", TempDir);
        ControlledScript s = scripts.Single();
        Assert.That(Exit(s.ScriptPath), Is.Zero, "ok until the timeline says otherwise");
        s.Set(ok: false);
        Assert.That(Exit(s.ScriptPath), Is.EqualTo(1));
        s.Set(ok: true);
        Assert.That(Exit(s.ScriptPath), Is.Zero);
    }

    [Test]
    public void Each_run_records_when_it_started_and_had_its_result_on_the_kernel_clock_and_its_status()
    {
        (_, List<ControlledScript> scripts) = ScriptControl.Rewrite("n1", "vrrp_script chk {\n  script \"/bin/false\"\n}\n", TempDir);
        ControlledScript s = scripts.Single();
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        _ = Exit(s.ScriptPath);
        s.Set(ok: false);
        _ = Exit(s.ScriptPath);
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + 1000;
        IReadOnlyList<(long StartUnixUs, long DoneUnixUs, int Status)> runs = s.Runs();
        Assert.That(runs.Select(r => r.Status), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(runs.Select(r => r.StartUnixUs), Is.All.InRange(before, after));
        Assert.That(runs.Select(r => r.StartUnixUs), Is.Ordered);
        Assert.That(runs.All(r => r.DoneUnixUs >= r.StartUnixUs && r.DoneUnixUs <= after), Is.True);
    }

    [Test]
    public void A_script_keyword_outside_vrrp_script_blocks_is_left_alone()
    {
        string conf = "vrrp_instance VI_1 {\n  notify_master \"/x.sh\"\n}\nvrrp_script a\n{\n  script /usr/bin/true\n}\n";
        (string text, List<ControlledScript> scripts) = ScriptControl.Rewrite("n", conf, TempDir);
        Assert.That(scripts.Select(s => s.Name), Is.EqualTo(new[] { "a" }), "the brace on the next line opens the block");
        Assert.That(text, Does.StartWith("vrrp_instance VI_1 {\n  notify_master \"/x.sh\"\n}\nvrrp_script a\n{\n  script \""));
    }

    private static int Exit(string path)
    {
        using var p = System.Diagnostics.Process.Start(path)!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
