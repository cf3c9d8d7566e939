using VrrpLab.Sim.Running;
using VrrpLab.Sim.Events;

namespace VrrpLab.Explore.Tests.Running;

/// <summary>
/// Schedules on which a property once failed the seed article's sound pair (false findings of a
/// million-run exploration, tests/VrrpLab.Explore.Tests/Regressions): the run still shows the
/// behaviour that fooled the property, and every property holds.
/// </summary>
public class RegressionScenarioTests
{
    private static ScenarioResult Run(string file)
    {
        ScenarioLoadResult load = ScenarioLoader.LoadFile(Path.Combine(Clusters.Root, "tests", "VrrpLab.Explore.Tests", "Regressions", file));
        Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics));
        return ScenarioRunner.Run(load.Scenario!);
    }

    private static void AllHold(ScenarioResult r)
    {
        Assert.That(r.Verdicts, Has.Length.EqualTo(6));
        foreach (Verdict v in r.Verdicts)
        {
            Assert.That(v.Passed, Is.True, $"{v.Description}: {v.Evidence}");
        }
    }

    private static long MasterAt(ScenarioResult r, string node, long afterUs) =>
        r.Simulation.History.StatesOf(node, "VI_1").First(s => s.TimeUs > afterUs && s.To == Engine.StateMachine.VrrpState.Master).TimeUs;

    [Test]
    public void A_priority_0_overtaken_by_a_jittered_advert_sent_with_it_gives_the_backup_a_master_down_interval()
    {
        ScenarioResult r = Run("jitter-reorders-priority-0.yaml");

        // server1 resigns at 66s (paused 65-66s with both timers due); server2 waits a whole
        // Master_Down_Interval (15.8s) from the late advert, not Skew_Time (0.8s).
        Assert.That(MasterAt(r, "real-server2", 66_000_000), Is.InRange(81_000_000L, 82_000_000L));
        AllHold(r);
    }

    [Test]
    public void Gratuitous_arps_lost_in_a_loss_burst_leave_the_client_to_linux_neighbour_recovery()
    {
        ScenarioResult r = Run("garps-lost-in-a-loss-burst.yaml");

        ClientView client = r.Simulation.History.Clients.Single();
        (long start, long end) = client.Outages.Single(o => o.Start == 72_000_000);
        Assert.That(end - start, Is.GreaterThan(25_000_000L), "the client is cut off long after the loss ends at 84s");
        AllHold(r);
    }

    [Test]
    public void A_crash_while_the_client_recovers_its_neighbour_entry_starts_a_new_takeover()
    {
        ScenarioResult r = Run("crash-during-neighbour-recovery.yaml");

        ClientView client = r.Simulation.History.Clients.Single();
        (long start, long end) = client.Outages.Single(o => o.Start > 120_000_000 && o.Start < 121_000_000);
        Assert.That(end - start, Is.GreaterThan(53_000_000L), "longer than neighbour recovery alone: the crash at 161s comes on top");
        long master = MasterAt(r, "real-server2", 161_000_000);
        Assert.That(end, Is.InRange(master, master + 1000), "the client is back with server2's gratuitous ARP, one network delay later");
        AllHold(r);
    }
}
