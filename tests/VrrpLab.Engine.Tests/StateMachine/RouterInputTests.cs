using System.Reflection;

namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary><see cref="VrrpRouter.Step"/> is total over a closed input set, and script results keep their exit status.</summary>
public sealed class RouterInputTests
{
    [Test]
    public void No_assembly_but_the_engine_can_add_an_input_kind()
    {
        ConstructorInfo[] ctors = typeof(RouterInput).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        // The compiler's protected copy constructor of a record (C# requires it) is the only exception.
        ConstructorInfo[] open = ctors
            .Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly)
            .Where(c => c.GetParameters() is not [{ ParameterType: var p }] || p != typeof(RouterInput))
            .ToArray();
        Assert.That(ctors, Is.Not.Empty);
        Assert.That(open, Is.Empty,
            "a public or protected constructor lets another assembly derive an input Step cannot handle");
    }

    [Test]
    public void A_script_result_through_step_logs_its_exit_status()
    {
        var script = new TrackedScript("chk_nginx", "/bin/false", Duration.FromSeconds(2), Duration.FromSeconds(2), -30, 1, 1, false);
        var instance = RouterHarness.Config() with { TrackScripts = [new ScriptTrack("chk_nginx", null)] };
        var h = new RouterHarness(new RouterConfig { Instances = [instance], Scripts = [script] }).Start();
        IReadOnlyList<Effect> effects = h.Router.Step(T.S(2), new ScriptResultInput("chk_nginx", false, 3));
        Assert.That(effects.OfType<LogLine>().Select(l => l.Text), Does.Contain("VRRP_Script(chk_nginx) failed (exited with status 3)"));
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(70));
    }

    [TestCase(true, null, null, "timed out")]
    [TestCase(false, 4, null, "exited with status 4")]
    [TestCase(false, null, "no such file", "could not be run: no such file")]
    public void A_script_result_says_how_the_run_ended(bool timedOut, int? status, string? error, string expected) =>
        Assert.That(new ScriptResultInput("s", false, status, timedOut, error).Describe(), Is.EqualTo(expected));
}
