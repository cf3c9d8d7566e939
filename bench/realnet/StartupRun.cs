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

    /// <summary>
    /// The launch path alone, the same way (<c>ip netns exec</c>, a pipe, the fixture's reader): milliseconds
    /// from launch to the first line of <c>echo</c>, per run. A daemon's launch -> BACKUP minus this is its
    /// own exec -> first timer armed.
    /// </summary>
    public static IReadOnlyList<double> MeasureLaunch(int runs)
    {
        var samples = new List<double>();
        using NamespaceLan lan = NamespaceLan.Create("h1");
        for (int i = 0; i < runs; i++)
        {
            using var first = new ManualResetEventSlim();
            TimeSpan at = TimeSpan.Zero;
            TimeSpan start = MonotonicClock.Now;
            using System.Diagnostics.Process p = BackgroundProcess.StartIn(lan["h1"].Namespace, ["echo", "ready"], _ =>
            {
                if (!first.IsSet)
                {
                    at = MonotonicClock.Now;
                    first.Set();
                }
            });
            if (first.Wait(TimeSpan.FromSeconds(5)))
            {
                samples.Add((at - start).TotalMilliseconds);
            }

            p.WaitForExit(5000);
            Thread.Sleep(100);
        }

        return samples;
    }
}
