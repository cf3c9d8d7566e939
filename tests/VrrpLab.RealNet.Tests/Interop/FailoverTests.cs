using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// Election, graceful stop, crash, preemption and nopreempt on a namespace LAN, for each pair in
/// <see cref="PairCases"/>. Timing windows come from the RFC formulas (v2 Skew_Time = (256 - p) / 256 s,
/// Master_Down_Interval = 3 x advert_int + Skew_Time) plus a tolerance for real scheduling.
/// </summary>
public sealed class FailoverTests : NamespaceTest
{
    /// <summary>How late after its protocol time a takeover may be observed (process scheduling, address polling).</summary>
    private static readonly TimeSpan Late = TimeSpan.FromMilliseconds(400);

    /// <summary>How early (measurement granularity) a takeover may be observed.</summary>
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(30);

    [TestCaseSource(typeof(PairCases), nameof(PairCases.All))]
    public void Higher_priority_peer_becomes_master_and_the_backup_accepts_its_adverts(PeerKind high, PeerKind low, int version)
    {
        using PeerPair pair = PeerPair.Create(high, PairCases.Spec(version, 100), low, PairCases.Spec(version, 50));
        pair.StartAndElect();

        // A backup that rejected the master's adverts would time out after one Master_Down_Interval.
        string? broke = Eventually.Throughout(
            () => pair.SoleHolder() == pair.High && pair.High.IsRunning && pair.Low.IsRunning,
            pair.LowSpec.MasterDownInterval + pair.LowSpec.AdvertInterval,
            "h1 alone holding the VIP");
        Assert.That(broke, Is.Null, pair.Diagnostics());
        Assert.That(pair.Low.Log.Find(VrrpPeer.EnteringMaster(pair.Instance)), Is.Null, "the backup never became MASTER\n" + pair.Diagnostics());
        Assert.That(PeerPair.RejectedAdverts(pair.High), Is.Empty, "the master rejected nothing");
        Assert.That(PeerPair.RejectedAdverts(pair.Low), Is.Empty, "the backup rejected nothing");

        Assert.That(pair.Client.ArpingMac(pair.Vip), Is.EqualTo(pair.High.Host.Mac), "the VIP answers ARP with the master's MAC");
        Assert.That(pair.Client.Ping(pair.Vip), Is.True, "the client reaches the VIP");
    }

    [TestCaseSource(typeof(PairCases), nameof(PairCases.All))]
    public void Sigterm_moves_the_vip_after_the_backups_skew_time_and_the_preempting_master_takes_it_back(PeerKind high, PeerKind low, int version)
    {
        using PeerPair pair = PeerPair.Create(high, PairCases.Spec(version, 100), low, PairCases.Spec(version, 50));
        pair.StartAndElect();
        Assert.That(pair.Client.Ping(pair.Vip), Is.True, "the client reaches the VIP on the master");
        Assert.That(pair.Client.NeighbourMac(pair.Vip), Is.EqualTo(pair.High.Host.Mac));

        // SIGTERM: the master sends priority 0, the backup takes over after its Skew_Time (RFC 3768 6.4.2).
        TimeSpan sent = pair.High.SendTerminate();
        TimeSpan moved = pair.WaitForHolder(pair.Low, pair.LowSpec.SkewTime + PeerPair.Slack, "graceful stop");
        TimeSpan took = moved - sent;
        TestContext.Out.WriteLine($"graceful failover: VIP on h2 {took.TotalMilliseconds:0} ms after SIGTERM (skew {pair.LowSpec.SkewTime.TotalMilliseconds:0} ms)");
        Assert.That(took, Is.InRange(pair.LowSpec.SkewTime - Early, pair.LowSpec.SkewTime + Late), "takeover after the backup's skew time\n" + pair.Diagnostics());
        Assert.That(pair.High.WaitForExit(PeerPair.Slack), Is.True, "the stopped master exits");
        Assert.That(pair.High.ExitCode, Is.EqualTo(0), "a SIGTERM stop exits with 0");
        Assert.That(pair.High.Host.Holds(pair.Vip), Is.False, "the stopped master removed its VIP");

        // The new master's gratuitous ARPs update the client's cache without any client traffic.
        Eventually.Until(() => pair.Client.NeighbourMac(pair.Vip) == pair.Low.Host.Mac, TimeSpan.FromSeconds(2), "the client's neighbour entry to move to h2's MAC", pair.Diagnostics);
        Assert.That(pair.Client.Ping(pair.Vip), Is.True, "the client reaches the VIP on the backup");

        // Without nopreempt the returning higher-priority peer discards the lower adverts and takes the VIP back.
        pair.StartHigh();
        pair.WaitForHolder(pair.High, pair.HighSpec.MasterDownInterval + PeerPair.Slack, "preemption");
        Eventually.Until(() => pair.Client.NeighbourMac(pair.Vip) == pair.High.Host.Mac, TimeSpan.FromSeconds(2), "the client's neighbour entry to move back to h1's MAC", pair.Diagnostics);
        Assert.That(pair.Client.Ping(pair.Vip), Is.True, "the client reaches the VIP on the returned master");
        Assert.That(PeerPair.RejectedAdverts(pair.High), Is.Empty, "the returned master rejected nothing");
        Assert.That(PeerPair.RejectedAdverts(pair.Low), Is.Empty, "the backup rejected nothing");
    }

    [TestCaseSource(typeof(PairCases), nameof(PairCases.All))]
    public void Crash_moves_the_vip_after_one_master_down_interval_and_nopreempt_keeps_the_new_master(PeerKind high, PeerKind low, int version)
    {
        using PeerPair pair = PeerPair.Create(high, PairCases.Spec(version, 100, nopreempt: true), low, PairCases.Spec(version, 50));
        pair.StartAndElect();
        Assert.That(pair.Client.Ping(pair.Vip), Is.True, "the client reaches the VIP on the master");

        // Process killed and cable pulled: nothing more is sent (the VIP stays on h1's dead interface); the backup
        // waits out its Master_Down_Interval, counted from the last advert it received (up to one interval before
        // the crash).
        TimeSpan crashed = pair.High.Crash();
        pair.Lan.SetCable(pair.High.Host, connected: false);
        TimeSpan moved = pair.WaitForAnyHold(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "crash");
        TimeSpan took = moved - crashed;
        TestContext.Out.WriteLine($"crash failover: VIP on h2 {took.TotalMilliseconds:0} ms after SIGKILL (MDI {pair.LowSpec.MasterDownInterval.TotalMilliseconds:0} ms)");
        Assert.That(
            took,
            Is.InRange(pair.LowSpec.MasterDownInterval - pair.LowSpec.AdvertInterval - Early, pair.LowSpec.MasterDownInterval + Late),
            "takeover one Master_Down_Interval after the last advert\n" + pair.Diagnostics());
        Eventually.Until(() => pair.Client.NeighbourMac(pair.Vip) == pair.Low.Host.Mac, TimeSpan.FromSeconds(2), "the client's neighbour entry to move to h2's MAC", pair.Diagnostics);
        Assert.That(pair.Client.Ping(pair.Vip), Is.True, "the client reaches the VIP on the backup");

        // The crashed host comes back (cable first, then the process, which clears the VIP SIGKILL left behind).
        // With nopreempt it accepts the lower-priority master's adverts and stays BACKUP.
        pair.Lan.SetCable(pair.High.Host, connected: true);
        pair.StartHigh();
        string? broke = Eventually.Throughout(
            () => pair.SoleHolder() == pair.Low,
            pair.HighSpec.MasterDownInterval + pair.HighSpec.AdvertInterval,
            "h2 alone holding the VIP after h1 returned with nopreempt");
        Assert.That(broke, Is.Null, pair.Diagnostics());
        Assert.That(pair.High.Log.Find(VrrpPeer.EnteringMaster(pair.Instance)), Is.Null, "the returned nopreempt peer stayed BACKUP\n" + pair.Diagnostics());
        Assert.That(pair.Client.NeighbourMac(pair.Vip), Is.EqualTo(pair.Low.Host.Mac), "no VIP move: the client's entry still points at h2");
        Assert.That(pair.Client.Ping(pair.Vip), Is.True, "the client still reaches the VIP on h2");
    }
}
