using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// SIGHUP (<c>systemctl reload</c>) on a namespace LAN, with keepalived 2.2.7 as the peer and as the
/// baseline reloading itself: what a reload does to the wire and to a client using the VIP
/// (docs/reload-and-tracking.md).
/// </summary>
public sealed class ReloadTests : NamespaceTest
{
    private static readonly Regex ReloadComplete = new("Reload complete");

    /// <summary>(kind that reloads, as master; kind of its backup).</summary>
    public static IEnumerable<TestCaseData> Pairs()
    {
        yield return new TestCaseData(PeerKind.Vrrplab, PeerKind.Vrrplab).SetArgDisplayNames("Vrrplab-reloads", "Vrrplab-backup");
        yield return new TestCaseData(PeerKind.Vrrplab, PeerKind.Keepalived).SetArgDisplayNames("Vrrplab-reloads", "Keepalived-backup");
        yield return new TestCaseData(PeerKind.Keepalived, PeerKind.Vrrplab).SetArgDisplayNames("Keepalived-reloads", "Vrrplab-backup");
    }

    [TestCaseSource(nameof(Pairs))]
    public void A_no_op_reload_keeps_state_and_vip_with_no_outage_no_priority_0_and_no_neighbour_change(PeerKind master, PeerKind backup)
    {
        using PeerPair pair = PeerPair.Create(master, PairCases.Spec(2, 100), backup, PairCases.Spec(2, 50));
        pair.StartAndElect();
        using var pings = PingRecorder.Start(pair.Client.Client, pair.Vip, TimeSpan.FromSeconds(20));
        Eventually.Until(() => pings.Replies.Count >= 20, TimeSpan.FromSeconds(3), "the client's pings to be answered", pair.Diagnostics);
        Eventually.Until(() => pair.Client.NeighbourMac(pair.Vip) == pair.High.Host.Mac, TimeSpan.FromSeconds(3), "the client to resolve the VIP to h1", pair.Diagnostics);
        string mac = pair.High.Host.Mac;
        using var capture = PacketCapture.Start(pair.Lan, pair.High.Host, "ip proto 112 or arp");

        // Reload both peers with the same configuration, the master first.
        DateTimeOffset reloadAt = DateTimeOffset.UtcNow;
        int highMark = pair.High.Reload(File.ReadAllText(pair.High.ConfigPath));
        pair.High.WaitForLine(ReloadComplete, PeerPair.Slack, highMark);
        int lowMark = pair.Low.Reload(File.ReadAllText(pair.Low.ConfigPath));
        pair.Low.WaitForLine(ReloadComplete, PeerPair.Slack, lowMark);

        // Longer than the backup's Master_Down_Interval: a backup that lost the master would have taken over.
        string? broke = Eventually.Throughout(
            () => pair.SoleHolder() == pair.High && pair.Client.NeighbourMac(pair.Vip) == mac,
            pair.LowSpec.MasterDownInterval + TimeSpan.FromSeconds(1),
            "h1 alone holding the VIP and the client's neighbour entry on h1");
        Assert.That(broke, Is.Null, pair.Diagnostics());
        DateTimeOffset end = DateTimeOffset.UtcNow;
        pings.Dispose();
        IReadOnlyList<DecodedAdvert> adverts = capture.StopAndDecode();
        int garps = capture.StopAndReadFrameTimes($"arp.src.proto_ipv4 == {pair.Vip} && arp.dst.proto_ipv4 == {pair.Vip}").Count;

        Assert.That(pair.High.IsRunning && pair.Low.IsRunning, Is.True, pair.Diagnostics());
        Assert.That(pair.High.Log.Since(highMark).Where(l => l.Text.Contains("Entering", StringComparison.Ordinal)), Is.Empty, "no state change on the master");
        Assert.That(pair.Low.Log.Since(lowMark).Where(l => l.Text.Contains("Entering", StringComparison.Ordinal)), Is.Empty, "no state change on the backup");
        Assert.That(adverts.Where(a => a.Priority == "0"), Is.Empty, "no priority-0 advert");
        Assert.That(garps, Is.Zero, "no gratuitous ARP for the VIP");

        // What the client saw: pings every 10 ms, every one answered around and after the reloads (a lost
        // echo is a gap in the answered sequence numbers; the timing of ping itself is not judged).
        (int answered, IReadOnlyList<int> lost) = pings.Losses(reloadAt.AddMilliseconds(-500), end);
        List<DateTimeOffset> replies = pings.Replies.Where(r => r >= reloadAt.AddMilliseconds(-500) && r <= end).ToList();
        TimeSpan longest = replies.Zip(replies.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        TestContext.Out.WriteLine($"{master} reload beside {backup}: {answered} replies, {lost.Count} lost, longest gap between replies {longest.TotalMilliseconds:0} ms");
        Assert.That(answered, Is.GreaterThan(100), "the client kept pinging");
        Assert.That(lost, Is.Empty, "no echo lost: no outage for the client");
    }

    [TestCaseSource(nameof(Pairs))]
    public void A_lower_priority_after_reload_takes_effect_and_the_backup_takes_over_without_priority_0(PeerKind master, PeerKind backup)
    {
        using PeerPair pair = PeerPair.Create(master, PairCases.Spec(2, 100), backup, PairCases.Spec(2, 50));
        pair.StartAndElect();
        using var capture = PacketCapture.Start(pair.Lan, pair.High.Host);
        int mark = pair.High.Reload((pair.HighSpec with { Priority = 30 }).ToConfig("h1"));
        pair.High.WaitForLine(ReloadComplete, PeerPair.Slack, mark);

        // The backup (50) discards the adverts of priority 30 and takes over one Master_Down_Interval later.
        pair.WaitForHolder(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "priority lowered by a reload");
        pair.High.WaitForLine(VrrpPeer.EnteringBackup(pair.Instance), PeerPair.Slack, mark);
        IReadOnlyList<DecodedAdvert> fromHigh = capture.StopAndDecodeFrom(pair.High.Host);
        Assert.That(fromHigh.Select(a => a.Priority), Does.Contain("30"), "the new priority on the wire");
        Assert.That(fromHigh.Where(a => a.Priority == "0"), Is.Empty, "no priority-0 advert");
    }

    [TestCaseSource(nameof(Pairs))]
    public void A_removed_instance_sends_priority_0_and_its_vip_moves_after_the_backups_skew(PeerKind master, PeerKind backup)
    {
        using PeerPair pair = PeerPair.Create(master, PairCases.Spec(2, 100), backup, PairCases.Spec(2, 50));
        pair.StartAndElect();
        using var capture = PacketCapture.Start(pair.Lan, pair.High.Host);
        VrrpInstanceSpec other = pair.HighSpec with { Name = "VI_OTHER", VirtualRouterId = 52, VirtualAddress = System.Net.IPAddress.Parse("10.77.0.101") };
        int mark = pair.High.Reload(other.ToConfig("h1"));
        pair.High.WaitForLine(ReloadComplete, PeerPair.Slack, mark);
        pair.WaitForHolder(pair.Low, pair.LowSpec.SkewTime + PeerPair.Slack, "instance removed by a reload");
        IReadOnlyList<DecodedAdvert> fromHigh = capture.StopAndDecodeFrom(pair.High.Host);
        Assert.That(fromHigh.Where(a => a.VirtualRouterId == "51" && a.Priority == "0"), Is.Not.Empty, "priority 0 for the removed VRID 51");
        Assert.That(pair.High.Host.Holds(pair.Vip), Is.False, "the removed instance's VIP is gone");
        Assert.That(pair.High.Log.Find(VrrpPeer.EnteringBackup("VI_OTHER"), mark), Is.Not.Null, "the added instance starts as at boot");
    }

    [Test]
    public void A_daemon_started_with_sighup_ignored_as_under_nohup_still_reloads_on_sighup()
    {
        using PeerPair pair = PeerPair.Create(PeerKind.Vrrplab, PairCases.Spec(2, 100), PeerKind.Keepalived, PairCases.Spec(2, 50));
        ((DaemonPeer)pair.High).SighupIgnored = true;
        pair.StartAndElect();
        Assert.That(pair.High.Log.Find(new Regex("SIGHUP was ignored when the daemon started")), Is.Not.Null, pair.High.Log.Tail());
        int mark = pair.High.Reload((pair.HighSpec with { Priority = 30 }).ToConfig("h1"));
        pair.High.WaitForLine(ReloadComplete, PeerPair.Slack, mark);
        pair.WaitForHolder(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "priority lowered by a reload under nohup");
        Assert.That(pair.High.IsRunning, Is.True, "SIGHUP did not end the daemon");
    }

    [Test]
    public void A_config_with_errors_is_refused_at_its_line_and_the_running_one_keeps_the_vip()
    {
        using PeerPair pair = PeerPair.Create(PeerKind.Vrrplab, PairCases.Spec(2, 100), PeerKind.Keepalived, PairCases.Spec(2, 50));
        pair.StartAndElect();
        string good = File.ReadAllText(pair.High.ConfigPath);
        string broken = good.Replace("virtual_router_id 51", "virtual_router_id 300", StringComparison.Ordinal);
        int line = broken.Split('\n').ToList().FindIndex(l => l.Contains("virtual_router_id 300", StringComparison.Ordinal)) + 1;
        int mark = pair.High.Reload(broken);
        LogLine refused = pair.High.WaitForLine(new Regex("Reload refused"), PeerPair.Slack, mark);
        Assert.That(pair.High.Log.Since(mark).Select(l => l.Text), Has.Some.Contains($"{pair.High.ConfigPath}:{line}:"), "the error names file:line\n" + pair.High.Log.Tail());
        Assert.That(refused.Text, Does.Contain("the running configuration is kept"));

        string? broke = Eventually.Throughout(() => pair.SoleHolder() == pair.High && pair.High.IsRunning, pair.LowSpec.MasterDownInterval + TimeSpan.FromSeconds(1), "h1 still master");
        Assert.That(broke, Is.Null, pair.Diagnostics());

        // The file fixed, the next reload goes through.
        mark = pair.High.Reload(good);
        pair.High.WaitForLine(ReloadComplete, PeerPair.Slack, mark);
        Assert.That(pair.SoleHolder(), Is.EqualTo(pair.High), pair.Diagnostics());
    }
}
