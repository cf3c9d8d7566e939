using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>
/// Two peers of one kind (priorities 100 and 50, VRRPv2 PASS, advert_int 1) on a namespace LAN; the
/// client pings the VIP every 10 ms while the master is stopped (SIGTERM) or crashed (SIGKILL, then its
/// cable pulled), <c>runs</c> times each; the master is restarted and takes the VIP back between runs.
/// </summary>
public static class FailoverRun
{
    private static readonly TimeSpan Outage = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs the measurements for <paramref name="kind"/>; progress goes to <paramref name="progress"/>.</summary>
    public static FailoverSamples Measure(PeerKind kind, int runs, TextWriter progress)
    {
        var gracefulClient = new List<double>();
        var gracefulVip = new List<double>();
        var crashClient = new List<double>();
        var crashVip = new List<double>();
        var crashSinceAdvert = new List<double>();
        using PeerPair pair = PeerPair.Create(kind, Spec(100), kind, Spec(50));
        pair.StartAndElect();
        WaitUntilClientReachesHigh(pair);

        for (int i = 0; i < runs; i++)
        {
            (double client, double vip, _) = Once(pair, crash: false);
            gracefulClient.Add(client);
            gracefulVip.Add(vip);
            progress.WriteLine($"  graceful #{i + 1}: client {client:0} ms, VIP moved {vip:0} ms");
            Restore(pair, crash: false);
        }

        for (int i = 0; i < runs; i++)
        {
            (double client, double vip, double sinceAdvert) = Once(pair, crash: true);
            crashClient.Add(client);
            crashVip.Add(vip);
            crashSinceAdvert.Add(sinceAdvert);
            progress.WriteLine($"  crash #{i + 1}: client {client:0} ms ({sinceAdvert:0} ms after the last advert), VIP moved {vip:0} ms");
            Restore(pair, crash: true);
        }

        return new FailoverSamples(gracefulClient, gracefulVip, crashClient, crashVip, crashSinceAdvert);
    }

    private static VrrpInstanceSpec Spec(int priority) => new() { Priority = priority, Version = 2, AuthPass = "vlpass1" };

    private static (double ClientMs, double VipMs, double SinceLastAdvertMs) Once(PeerPair pair, bool crash)
    {
        using PingRecorder ping = PingRecorder.Start(pair.Client.Client, pair.Vip, TimeSpan.FromSeconds(30));
        using PacketCapture capture = PacketCapture.Start(pair.Lan, pair.High.Host);
        Eventually.Until(() => ping.Replies.Count >= 10, TimeSpan.FromSeconds(5), "the client's pings to be answered before the failover");
        Thread.Sleep(pair.HighSpec.AdvertInterval + TimeSpan.FromMilliseconds(100)); // the capture holds at least one advert

        DateTimeOffset wallStart = DateTimeOffset.UtcNow;
        TimeSpan start;
        if (crash)
        {
            start = pair.High.Crash();
            pair.Lan.SetCable(pair.High.Host, connected: false);
        }
        else
        {
            start = pair.High.SendTerminate();
        }

        // A crashed master's VIP stays on its (disconnected) interface.
        TimeSpan moved = pair.WaitForAnyHold(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, crash ? "crash" : "graceful stop");
        DateTimeOffset? reply = null;
        Eventually.Until(() => (reply = ping.FirstReplyAfterOutage(wallStart, Outage)) is not null, TimeSpan.FromSeconds(10), "the client's first reply from the backup", pair.Diagnostics);
        IReadOnlyList<DateTimeOffset> adverts = capture.StopAndReadFrameTimes($"vrrp && ip.src == {pair.High.Host.Address}");
        DateTimeOffset lastAdvert = adverts.LastOrDefault(t => t <= wallStart);
        double sinceAdvert = lastAdvert == default ? double.NaN : (reply!.Value - lastAdvert).TotalMilliseconds;
        return ((reply!.Value - wallStart).TotalMilliseconds, (moved - start).TotalMilliseconds, sinceAdvert);
    }

    private static void Restore(PeerPair pair, bool crash)
    {
        if (crash)
        {
            pair.Lan.SetCable(pair.High.Host, connected: true);
        }
        else if (!pair.High.WaitForExit(PeerPair.Slack))
        {
            throw new FixtureException($"{pair.High.Describe()} did not exit after SIGTERM\n{pair.High.Log.Tail()}");
        }

        pair.StartHigh();
        pair.WaitForHolder(pair.High, pair.HighSpec.MasterDownInterval + PeerPair.Slack, "preemption back to h1");
        WaitUntilClientReachesHigh(pair);
    }

    private static void WaitUntilClientReachesHigh(PeerPair pair) =>
        Eventually.Until(
            () => pair.Client.Ping(pair.Vip, count: 1) && pair.Client.NeighbourMac(pair.Vip) == pair.High.Host.Mac,
            TimeSpan.FromSeconds(10),
            "the client to reach the VIP on h1",
            pair.Diagnostics);
}
