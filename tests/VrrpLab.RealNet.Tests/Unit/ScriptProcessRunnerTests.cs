using VrrpLab.RealNet.Scripts;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>Running vrrp_script checks: exit status, timeout kill, user switch.</summary>
public sealed class ScriptProcessRunnerTests
{
    private static readonly ScriptProcessRunner Runner = new();

    [Test]
    public async Task Exit_status_zero_is_success()
    {
        ScriptOutcome o = await Runner.RunCheckAsync("/bin/true", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(o, Is.EqualTo(new ScriptOutcome(true, 0, false)));
    }

    [Test]
    public async Task Non_zero_exit_is_a_failure_with_its_status()
    {
        ScriptOutcome o = await Runner.RunCheckAsync("/bin/sh -c 'exit 3'", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(o, Is.EqualTo(new ScriptOutcome(false, 3, false)));
    }

    [Test]
    public async Task A_script_that_cannot_be_executed_is_a_failure_not_a_crash()
    {
        ScriptOutcome o = await Runner.RunCheckAsync("/nonexistent/vlrn-check", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(o.Success, Is.False);
            Assert.That(o.Error, Does.StartWith("/nonexistent/vlrn-check"));
        });
    }

    [Test]
    public async Task A_script_past_its_timeout_is_killed_with_its_children_and_fails()
    {
        string marker = Path.Combine(Path.GetTempPath(), "vlrn-timeout-" + Environment.ProcessId);
        File.Delete(marker);
        ScriptOutcome o = await Runner.RunCheckAsync(
            $"/bin/sh -c 'sleep 1 & sleep 1; touch {marker}'", null, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Multiple(() =>
        {
            Assert.That(o, Is.EqualTo(new ScriptOutcome(false, null, true)));
            Assert.That(File.Exists(marker), Is.False, "the killed script went on running");
        });
    }

    [Test]
    public void Another_script_user_runs_through_setpriv_with_its_uid_and_gid()
    {
        var nobody = new ScriptUser("nobody", 65534, 65534);
        Assert.That(
            Runner.BuildArgv("/data/check.sh --fast", ["INSTANCE", "VI_1"], nobody),
            Is.EqualTo(new[] { "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--init-groups", "--", "/data/check.sh", "--fast", "INSTANCE", "VI_1" }));
    }

    [Test]
    public void Our_own_user_runs_the_script_directly()
    {
        var me = new ScriptUser("me", ScriptUser.CurrentUid, 0);
        Assert.That(Runner.BuildArgv("/data/check.sh", [], me), Is.EqualTo(new[] { "/data/check.sh" }));
    }

    [Test]
    [Platform("Linux")]
    public async Task A_script_runs_as_the_configured_user()
    {
        if (ScriptUser.CurrentUid != 0 || ScriptUser.Lookup("nobody") is not { } nobody)
        {
            Assert.Ignore("needs root and a 'nobody' user");
            return;
        }

        ScriptOutcome o = await Runner.RunCheckAsync("/bin/sh -c 'test $(id -u) = 65534'", nobody, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(o.Success, Is.True);
    }
}
