namespace VrrpLab.Lab.Tests;

/// <summary>Which event the sim-vs-real diff times a takeover from (no root: simulated histories).</summary>
public class TakeoverCauseTests
{
    private static List<Takeover> TakeoversOf(string scenario, string node)
    {
        Scenario sc = LabPaths.Load(scenario);
        SimHistory h = new Simulator(sc, new SimulationOptions { Implementation = NodeImplementation.Keepalived }).Run().History;
        return LabDiff.TakeoversOf(h, h.Instances.Single(i => i.Node == node));
    }

    [Test]
    public void A_preempting_restart_is_timed_from_its_own_backup_entry_not_from_a_lower_priority_advert_it_ignored()
    {
        // three-routers-v3: node1 (the highest priority) starts again at 30 s while node3 is MASTER; node3's lower
        // priority adverts do not restart node1's Master_Down timer, so node1 takes over one Master_Down_Interval
        // after its BACKUP entry. Timed from node3's last advert, the lab's catalogue run showed a 485 ms
        // "difference" that was only the phase of node3's adverts.
        List<Takeover> node1 = TakeoversOf("three-routers-v3", "node1");
        Assert.That(node1, Has.Count.EqualTo(2));
        Assert.That(node1[1].Cause, Is.EqualTo("its BACKUP entry"));
        Assert.That(node1[1].DelayUs, Is.EqualTo(1_609_375), "3 x 0.5 s + (256 - 200) / 256 x 0.5 s");
    }

    [Test]
    public void A_takeover_after_a_crash_is_still_timed_from_the_last_advert_of_the_crashed_master()
    {
        List<Takeover> node2 = TakeoversOf("three-routers-v3", "node2");
        Assert.That(node2[0].Cause, Is.EqualTo("last advert from node1"));
        Assert.That(node2[0].DelayUs, Is.GreaterThanOrEqualTo(1_500_000), "at least 3 x advert_int after it");
    }
}
