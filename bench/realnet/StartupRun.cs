using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>
/// Start-up: one peer alone on a LAN, from the fixture's launch (<c>ip netns exec</c>, then the exec of
/// the daemon) to its "Entering BACKUP STATE" line read on its output, the moment its first VRRP timer is
/// armed. Both kinds pay the same launch and pipe costs, so the difference is the daemons' own.
/// </summary>
public static class StartupRun
{
    /// <summary>Starts and stops <paramref name="kind"/> <paramref name="runs"/> times; milliseconds to BACKUP each time.</summary>
    public static IReadOnlyList<double> Measure(PeerKind kind, int runs)
    {
        var samples = new List<double>();
        using NamespaceLan lan = NamespaceLan.Create("h1");
        var spec = new VrrpInstanceSpec { Priority = 100, Version = 2, AuthPass = "vlpass1" };
        using VrrpPeer peer = VrrpPeer.Create(kind, lan["h1"], "h1", lan.WorkDirectory);
        for (int i = 0; i < runs; i++)
        {
            peer.Start(spec.ToConfig("h1"));
            LogLine backup = peer.WaitForBackup(spec.Name, PeerPair.Slack);
            samples.Add((backup.At - peer.StartedAt).TotalMilliseconds);
            peer.Stop(PeerPair.Slack);
            Thread.Sleep(200);
        }

        return samples;
    }
}
