using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>One peer alone on a LAN, MASTER of one instance (advert_int 1): its RSS and CPU time over a sample.</summary>
public static class IdleRun
{
    /// <summary>
    /// Measures <paramref name="kind"/> for <paramref name="sample"/> after it settled as MASTER of
    /// <paramref name="instances"/> instances (VRIDs 1..N, one VIP each).
    /// </summary>
    public static IdleCost Measure(PeerKind kind, TimeSpan sample, int instances = 1)
    {
        using NamespaceLan lan = NamespaceLan.Create("h1");
        var spec = new VrrpInstanceSpec { Priority = 100, Version = 2, AuthPass = "vlpass1" };
        using VrrpPeer peer = VrrpPeer.Create(kind, lan["h1"], "h1", lan.WorkDirectory);
        peer.Start(instances == 1 ? spec.ToConfig("h1") : ManyInstances(spec, instances));
        string last = instances == 1 ? spec.Name : "VI_" + instances.ToString(CultureInfo.InvariantCulture);
        peer.WaitForMaster(last, spec.MasterDownInterval + PeerPair.Slack + TimeSpan.FromSeconds(instances / 10));
        Thread.Sleep(TimeSpan.FromSeconds(20)); // past start-up work: JIT tiering, the second GARP burst at 5 s, and vrrplab's one-off page release at StartupPages.SettleDelay (15 s)

        int[] pids = peer is KeepalivedPeer k && k.VrrpChildPid is int child ? [peer.Pid, child] : [peer.Pid];
        var before = ProcessCpu.Snapshot(pids);
        Thread.Sleep(sample);
        ProcessCpu.Usage cpu = before.Since();
        long rss = pids.Sum(pid => StatusKiB(pid, "VmRSS:"));
        long anon = pids.Sum(pid => StatusKiB(pid, "RssAnon:"));
        if (!peer.IsRunning)
        {
            throw new FixtureException($"{peer.Describe()} exited during the idle sample\n{peer.Log.Tail()}");
        }

        peer.Stop(PeerPair.Slack);
        return new IdleCost(pids.Length, rss, cpu.TicksPercent, cpu.Seconds) { Cpu = cpu, RssAnonKiB = anon };
    }

    /// <summary>One configuration with <paramref name="count"/> instances like <paramref name="spec"/>: VI_k, VRID k, VIP 10.77.0.(100+k).</summary>
    private static string ManyInstances(VrrpInstanceSpec spec, int count)
    {
        var s = new System.Text.StringBuilder(spec.ToConfig("h1"));
        string first = s.ToString();
        int block = first.IndexOf("vrrp_instance", StringComparison.Ordinal);
        s.Clear().Append(first[..block]);
        for (int k = 1; k <= count; k++)
        {
            VrrpInstanceSpec i = spec with
            {
                Name = "VI_" + k.ToString(CultureInfo.InvariantCulture),
                VirtualRouterId = k,
                VirtualAddress = System.Net.IPAddress.Parse("10.77.0." + (100 + k).ToString(CultureInfo.InvariantCulture)),
            };
            string text = i.ToConfig("h1");
            s.Append(text[text.IndexOf("vrrp_instance", StringComparison.Ordinal)..]).Append('\n');
        }

        return s.ToString();
    }

    private static long StatusKiB(int pid, string key)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
