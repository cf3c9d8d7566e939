using NUnit.Framework.Constraints;
using VrrpLab.Sim.Checks.Properties;

namespace VrrpLab.Sim.Tests.Checks.Properties;

/// <summary>
/// Each cluster property on hand-made histories of the two-node pair (node1 priority 100, node2
/// priority 50, advert_int 1 s: MDI 3.609375 s / 3.804687 s, Skew(50) 0.804687 s, latency 100 us):
/// each catches what it names and lets the legitimate cases pass.
/// </summary>
public class PropertyChecksTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.100");

    private static Verdict Check(string property, long endSeconds, params RunEvent[] events) => Check(property, TwoNodes(S(endSeconds)), events);

    private static Verdict Check(string property, Scenario scenario, params RunEvent[] events)
    {
        SimHistory h = SimHistory.FromLog(RunLayout.Of(scenario), [.. events.OrderBy(e => e.TimeUs)], scenario.Duration.Microseconds);
        return PropertyChecks.Evaluate(new PropertyExpectation(property), scenario, h);
    }

    private static long Us(double s) => (long)Math.Round(s * 1_000_000);

    private static StateRecord St(double s, string node, VrrpState from, VrrpState to, string cause = "test") => new(Us(s), node, "VI_1", 51, from, to, cause);

    private static ActionRecord Act(double s, TimelineAction a) => new(Us(s), a);

    private static VipRecord VipOn(double s, string node, bool added) => new(Us(s), node, "VI_1", "eth0", Vip, added, "test");

    /// <summary>Both start at 0s; node1 MASTER at 3.609375s.</summary>
    private static RunEvent[] Election =>
    [
        Act(0, new StartAction(["node1", "node2"])),
        St(0, "node1", VrrpState.Init, VrrpState.Backup), St(0, "node2", VrrpState.Init, VrrpState.Backup),
        St(3.609375, "node1", VrrpState.Backup, VrrpState.Master), VipOn(3.609375, "node1", true),
    ];

    /// <summary>node1 stopped at <paramref name="s"/> seconds: it leaves MASTER (sending priority 0) and removes the VIP.</summary>
    private static RunEvent[] Node1Stopped(double s) =>
        [Act(s, new StopAction(["node1"])), St(s, "node1", VrrpState.Master, VrrpState.Stop, "stopped"), VipOn(s, "node1", false)];

    /// <summary>The property lets the legitimate case pass and catches the other, with evidence that matches <paramref name="evidence"/>.</summary>
    private static void AssertAllowsAndCatches(Verdict allowed, Verdict caught, IResolveConstraint evidence) =>
        Assert.Multiple(() =>
        {
            Assert.That(allowed.Passed, Is.True, allowed.Evidence);
            Assert.That(caught.Passed, Is.False);
            Assert.That(caught.Evidence, evidence);
        });

    [Test]
    public void Master_within_bound_takes_a_master_down_interval_after_a_crash_and_catches_a_later_takeover()
    {
        RunEvent[] crash = [.. Election, Act(30, new CrashAction(["node1"])), new HostRecord(Us(30), "node1", false), St(30, "node1", VrrpState.Master, VrrpState.Stop, "host crashed"), VipOn(30, "node1", false)];

        Verdict inTime = Check("master_within_bound", 60, [.. crash, St(33.804787, "node2", VrrpState.Backup, VrrpState.Master)]);
        Verdict late = Check("master_within_bound", 60, [.. crash, St(40, "node2", VrrpState.Backup, VrrpState.Master)]);
        Verdict never = Check("master_within_bound", 60, crash);

        Assert.Multiple(() =>
        {
            Assert.That(inTime.Passed, Is.True, inTime.Evidence);
            Assert.That(late.Passed, Is.False);
            Assert.That(late.Evidence, Does.Contain("node2 (VI_1) was a healthy BACKUP with no reachable MASTER from 30s").And.Contain("bound 3.804788s").And.Contain("until 40s"));
            Assert.That(never.Evidence, Does.Contain("still none at the end of the run"));
        });
    }

    [Test]
    public void Master_within_bound_allows_only_skew_time_after_a_priority_0()
    {
        RunEvent[] stop = [.. Election, .. Node1Stopped(30)];

        Verdict skew = Check("master_within_bound", 60, [.. stop, St(30.804787, "node2", VrrpState.Backup, VrrpState.Master)]);
        Verdict mdi = Check("master_within_bound", 60, [.. stop, St(33.804787, "node2", VrrpState.Backup, VrrpState.Master)]);

        AssertAllowsAndCatches(skew, mdi, Does.Contain("Skew_Time 0.804687s after node1's priority 0 at 30s"));
    }

    [Test]
    public void Master_within_bound_allows_a_master_down_interval_after_a_priority_0_on_a_jittery_segment()
    {
        // With jitter, an advert sent with the priority 0 can arrive after it and restart the down timer.
        RunEvent[] stop =
        [
            .. Election, Act(20, new LatencyAction("lan", Duration.FromMilliseconds(40), Duration.FromMilliseconds(5))),
            .. Node1Stopped(30),
        ];

        Verdict mdi = Check("master_within_bound", 60, [.. stop, St(33.84, "node2", VrrpState.Backup, VrrpState.Master)]);
        Verdict late = Check("master_within_bound", 60, [.. stop, St(33.9, "node2", VrrpState.Backup, VrrpState.Master)]);
        Verdict jitterGone = Check("master_within_bound", 60,
            [.. stop.Where(r => r.TimeUs < Us(30)), Act(25, new LatencyAction("lan", Duration.FromMilliseconds(40), Duration.Zero)), .. stop.Where(r => r.TimeUs >= Us(30)),
             St(33.84, "node2", VrrpState.Backup, VrrpState.Master)]);

        Assert.Multiple(() =>
        {
            Assert.That(mdi.Passed, Is.True, mdi.Evidence);
            Assert.That(late.Passed, Is.False, "the bound is the Master_Down_Interval plus the delay, no more");
            Assert.That(late.Evidence, Does.Contain("Master_Down_Interval 3.804687s plus delay 0.045s"));
            Assert.That(jitterGone.Passed, Is.False, "jitter that ended before the resignation does not count");
            Assert.That(jitterGone.Evidence, Does.Contain("Skew_Time"));
        });
    }

    [Test]
    public void No_flapping_catches_a_master_change_long_after_the_last_fault_but_not_one_that_follows_a_fault()
    {
        Verdict afterFault = Check("no_flapping", 120, [.. Election, Act(50, new StopAction(["node1"])), St(50, "node1", VrrpState.Master, VrrpState.Stop, "stopped"), St(50.804787, "node2", VrrpState.Backup, VrrpState.Master)]);
        Verdict unprovoked = Check("no_flapping", 120, [.. Election, St(100, "node1", VrrpState.Master, VrrpState.Backup, "higher priority advert")]);

        AssertAllowsAndCatches(afterFault, unprovoked, Does.Contain("node1 (VI_1) went MASTER -> BACKUP at 100s").And.Contain("quiet since 0s"));
    }

    [Test]
    public void One_master_when_quiet_allows_two_masters_meeting_after_a_heal_but_not_two_masters_on_a_quiet_network()
    {
        RunEvent[] split = [.. Election, St(40, "node2", VrrpState.Backup, VrrpState.Master)];
        Verdict afterHeal = Check("one_master_when_quiet", 120, [.. split, Act(40, new HealAction()), St(41, "node2", VrrpState.Master, VrrpState.Backup)]);
        Verdict quiet = Check("one_master_when_quiet", 120, split);

        AssertAllowsAndCatches(afterHeal, quiet, Does.Contain("node1 and node2 were both MASTER of VRID 51 and could reach each other from 40s to 120s"));
    }

    [Test]
    public void Vip_only_on_master_allows_the_vip_a_killed_keepalived_leaves_behind_but_not_one_on_a_backup()
    {
        Verdict killed = Check("vip_only_on_master", 60, [.. Election, Act(20, new KillAction(["node1"])), St(20, "node1", VrrpState.Master, VrrpState.Stop, "killed")]);
        Verdict onBackup = Check("vip_only_on_master", 60, [.. Election, St(20, "node1", VrrpState.Master, VrrpState.Backup)]);

        AssertAllowsAndCatches(killed, onBackup, Does.Contain("10.0.0.100 was on node1:eth0 while VI_1 there was BACKUP, from 20s to 60s"));
    }

    [Test]
    public void Nopreempt_respected_catches_state_master_clearing_nopreempt_in_a_real_run()
    {
        Scenario Pair(InitialState state) => TwoNodes(S(60), [At(10, new StopAction(["node1"])), At(20, new StartAction(["node1"]))], nopreempt: true) with
        {
            Nodes = [.. TwoNodes(S(60), nopreempt: true).Nodes.Select(n => n.Name == "node1"
                ? n with { Config = n.Config with { Instances = [n.Config.Instances[0] with { State = state, NopreemptWritten = true, Nopreempt = state == InitialState.Backup }] } }
                : n)],
            Expectations = [new PropertyExpectation("nopreempt_respected")],
        };

        ScenarioResult mistake = ScenarioRunner.Run(Pair(InitialState.Master));
        ScenarioResult sound = ScenarioRunner.Run(Pair(InitialState.Backup));

        AssertAllowsAndCatches(sound.Verdicts[0], mistake.Verdicts[0],
            Does.Contain("node1 (VI_1, configured nopreempt) became MASTER at 23.609375s").And.Contain("keepalived clears nopreempt on node1: state MASTER"));
    }

    [Test]
    public void The_loader_reads_a_property_expectation_and_reports_an_unknown_one_at_its_place()
    {
        string yaml = PairScenario.Yaml("p", "property: no_flapping", "property: PROPERTY");

        ScenarioLoadResult ok = ScenarioLoader.LoadText(yaml.Replace("PROPERTY", "outage_within_bound", StringComparison.Ordinal), "p.yaml");
        ScenarioLoadResult bad = ScenarioLoader.LoadText(yaml.Replace("PROPERTY", "happiness", StringComparison.Ordinal), "p.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(ok.Scenario?.Expectations, Is.EqualTo(new Expectation[] { new PropertyExpectation("no_flapping"), new PropertyExpectation("outage_within_bound") }).Using<Expectation>((a, b) => a.Describe() == b.Describe()),
                string.Join("\n", ok.Diagnostics));
            Assert.That(bad.Scenario, Is.Null);
            Assert.That(bad.Diagnostics.Single(d => d.IsError).ToString(), Does.StartWith("p.yaml:29:15: ").And.Contain("unknown property 'happiness'"));
        });
    }
}
