namespace VrrpLab.Sim.Tests.Properties;

/// <summary>The invariant checkers on hand-made histories: each must catch what it names and nothing else.</summary>
public sealed class FaultInvariantsTests
{
    // v2, advert_int 1 s: MDI(100) = 3.609375s, MDI(50) = 3.804687s, Skew(50) = 804687us.
    private static FaultCase Pair(bool nopreempt2 = false, params Fault[] faults) =>
        new(2, 100, [new ClusterNode(0, 100, false), new ClusterNode(1, 50, nopreempt2)], [.. faults], 1);

    private static StateChange S(double seconds, string node, VrrpState from, VrrpState to) =>
        new((long)Math.Round(seconds * 1_000_000), node, from, to);

    private static RunHistory History(long endUs, params StateChange[] states) => new(endUs, states, []);

    /// <summary>node1 and node2 partitioned from 10 s to 20 s, each MASTER on its side (node1 from 3.609375 s,
    /// node2 from 13.414162 s), and node2 back to BACKUP at <paramref name="node2BackupAt"/> seconds.</summary>
    private static (FaultCase Case, RunHistory History) PartitionedUntil20s(double node2BackupAt) =>
        (Pair(false, new PartitionFault(10_000, 10_000, [["node1"], ["node2"]])),
         History(30_000_000,
            S(3.609375, "node1", VrrpState.Backup, VrrpState.Master), S(13.414162, "node2", VrrpState.Backup, VrrpState.Master),
            S(node2BackupAt, "node2", VrrpState.Master, VrrpState.Backup)));

    /// <summary>node1 MASTER at 3.609375 s, crashed from 10 s to 15 s (<see cref="CrashFault"/>(10_000, 5_000)),
    /// node2 MASTER at 13.414162 s, node1 BACKUP again at 15 s.</summary>
    private static readonly StateChange[] Node1CrashedFrom10sTo15s =
    [
        S(3.609375, "node1", VrrpState.Backup, VrrpState.Master), S(10, "node1", VrrpState.Master, VrrpState.Stop),
        S(13.414162, "node2", VrrpState.Backup, VrrpState.Master), S(15, "node1", VrrpState.Stop, VrrpState.Backup),
    ];

    [Test]
    public void Two_masters_that_can_reach_each_other_for_longer_than_one_interval_are_reported()
    {
        FaultCase c = Pair();
        RunHistory h = History(30_000_000,
            S(0, "node1", VrrpState.Init, VrrpState.Backup), S(0, "node2", VrrpState.Init, VrrpState.Backup),
            S(3.609375, "node1", VrrpState.Backup, VrrpState.Master), S(5, "node2", VrrpState.Backup, VrrpState.Master),
            S(6.5, "node2", VrrpState.Master, VrrpState.Backup));

        Assert.That(FaultInvariants.AtMostOneMasterAmongReachableNodes(c, h)?.Message, Does.Contain("node1 and node2").And.Contain("from 5s to 6.5s"));
    }

    [Test]
    public void Two_masters_separated_by_a_partition_are_allowed_and_so_is_one_interval_after_the_heal()
    {
        (FaultCase c, RunHistory h) = PartitionedUntil20s(node2BackupAt: 20.9);

        Assert.That(FaultInvariants.AtMostOneMasterAmongReachableNodes(c, h), Is.Null);
    }

    [Test]
    public void Two_masters_still_together_more_than_one_interval_after_the_heal_are_reported()
    {
        (FaultCase c, RunHistory h) = PartitionedUntil20s(node2BackupAt: 21.2);

        Assert.That(FaultInvariants.AtMostOneMasterAmongReachableNodes(c, h)?.Message, Does.Contain("from 20s to 21.2s"));
    }

    [Test]
    public void A_lower_priority_master_left_in_charge_of_a_preempting_higher_one_is_reported()
    {
        FaultCase c = Pair(false, new CrashFault(10_000, 5_000, "node1"));
        RunHistory h = History(30_000_000, Node1CrashedFrom10sTo15s);

        Assert.That(FaultInvariants.SettlesOnKeepalivedsChoice(c, h)?.Message, Does.Contain("node1 (priority 100, preemptive)"));
    }

    [Test]
    public void The_preempting_higher_priority_taking_back_the_vip_within_one_mdi_is_keepaliveds_choice()
    {
        FaultCase c = Pair(false, new CrashFault(10_000, 5_000, "node1"));
        RunHistory h = History(30_000_000,
            [.. Node1CrashedFrom10sTo15s, S(18.609375, "node1", VrrpState.Backup, VrrpState.Master), S(18.609475, "node2", VrrpState.Master, VrrpState.Backup)]);

        Assert.That(FaultInvariants.SettlesOnKeepalivedsChoice(c, h), Is.Null);
    }

    [Test]
    public void Settling_later_than_one_mdi_plus_latency_after_the_heal_is_reported()
    {
        FaultCase c = Pair(false, new CrashFault(10_000, 5_000, "node1"));
        RunHistory h = History(30_000_000,
            S(13.414162, "node2", VrrpState.Backup, VrrpState.Master), S(15, "node1", VrrpState.Stop, VrrpState.Backup),
            S(19.5, "node1", VrrpState.Backup, VrrpState.Master), S(19.5001, "node2", VrrpState.Master, VrrpState.Backup));

        // Settled by 15s + MDI(50) 3.804687s + 100us = 18.804787s at the latest.
        Assert.That(FaultInvariants.SettlesOnKeepalivedsChoice(c, h)?.Message, Does.Contain("18.804787s"));
    }

    [Test]
    public void A_nopreempt_node_that_keeps_the_mastership_it_has_is_keepaliveds_choice()
    {
        var c = new FaultCase(2, 100, [new ClusterNode(0, 100, true), new ClusterNode(1, 50, true)], [new CrashFault(10_000, 5_000, "node1")], 1);
        RunHistory h = History(30_000_000, Node1CrashedFrom10sTo15s);

        Assert.That(FaultInvariants.SettlesOnKeepalivedsChoice(c, h), Is.Null);
    }

    [Test]
    public void A_nopreempt_backup_taking_over_less_than_one_mdi_after_an_accepted_advert_is_reported()
    {
        FaultCase c = Pair(nopreempt2: true);
        var h = new RunHistory(30_000_000,
            [S(0, "node2", VrrpState.Init, VrrpState.Backup), S(12, "node2", VrrpState.Backup, VrrpState.Master)],
            [new Reception(9_609_475, "node2", 100, true), new Reception(10_609_475, "node2", 100, false)]);

        // Accepted at 9.609475s: the down timer (3.804687s) runs out at 13.414162s, not before.
        Assert.That(FaultInvariants.NopreemptBackupNeverTakesOverFromALiveMaster(c, h)?.Message, Does.Contain("13.414162s"));
    }

    [Test]
    public void A_nopreempt_backup_taking_over_one_mdi_after_the_last_accepted_advert_or_one_skew_after_priority_0_is_fine()
    {
        FaultCase c = Pair(nopreempt2: true);
        var afterMdi = new RunHistory(30_000_000,
            [S(0, "node2", VrrpState.Init, VrrpState.Backup), S(13.414162, "node2", VrrpState.Backup, VrrpState.Master)],
            [new Reception(9_609_475, "node2", 100, true)]);
        var afterResign = new RunHistory(30_000_000,
            [S(0, "node2", VrrpState.Init, VrrpState.Backup), S(10.804787, "node2", VrrpState.Backup, VrrpState.Master)],
            [new Reception(9_609_475, "node2", 100, true), new Reception(10_000_100, "node2", 0, true)]);

        Assert.Multiple(() =>
        {
            Assert.That(FaultInvariants.NopreemptBackupNeverTakesOverFromALiveMaster(c, afterMdi), Is.Null);
            Assert.That(FaultInvariants.NopreemptBackupNeverTakesOverFromALiveMaster(c, afterResign), Is.Null);
        });
    }
}
