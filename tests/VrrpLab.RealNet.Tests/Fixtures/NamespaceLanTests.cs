namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>The namespace LAN works as a LAN, and leaves nothing behind (also after a dead run).</summary>
public sealed class NamespaceLanTests : NamespaceTest
{
    [Test]
    public void Hosts_reach_each_other_over_the_bridge_and_a_pulled_cable_cuts_one_off()
    {
        using NamespaceLan lan = NamespaceLan.Create("h1", "client");
        var probe = new ClientProbe(lan["client"]);
        Assert.That(probe.Ping(lan["h1"].Address, count: 1), Is.True, "h1 answers over the bridge");
        Assert.That(probe.ArpingMac(lan["h1"].Address), Is.EqualTo(lan["h1"].Mac), "h1 answers ARP with its own MAC");

        lan.SetCable(lan["h1"], connected: false);
        Assert.That(probe.Ping(lan["h1"].Address, count: 1), Is.False, "no answer with h1's cable pulled");

        lan.SetCable(lan["h1"], connected: true);
        Eventually.Until(() => probe.Ping(lan["h1"].Address, count: 1), TimeSpan.FromSeconds(10), "h1 to answer again once reconnected");
    }

    [Test]
    public void Dispose_deletes_the_namespaces_and_kills_what_runs_inside()
    {
        NamespaceLan lan = NamespaceLan.Create("h1");
        string[] namespaces = [lan.BridgeNamespace, lan["h1"].Namespace];
        using var peer = new KeepalivedPeer(lan["h1"], "h1", lan.WorkDirectory);
        peer.Start(new VrrpInstanceSpec().ToConfig("h1"));
        peer.WaitForBackup("VI_1", PeerPair.Slack);

        lan.Dispose();

        Assert.That(peer.WaitForExit(TimeSpan.FromSeconds(5)), Is.True, "keepalived was killed with its namespace");
        Assert.That(NamespaceNames(), Has.None.AnyOf(namespaces));
        Assert.That(Directory.Exists(lan.WorkDirectory), Is.False);
    }

    [Test]
    public void Leftovers_of_a_dead_run_are_removed_before_a_new_lan_is_built()
    {
        // A run whose process (pid 4194303, above any pid this machine hands out by default) died without teardown.
        string deadRun = NamespaceLan.Prefix + "4194303-1";
        string ns = deadRun + "-h1";
        string dir = Path.Combine(Path.GetTempPath(), deadRun);
        Shell.Ip("netns", "add", ns);
        Directory.CreateDirectory(dir);
        using var sleeper = Process.Start("ip", ["netns", "exec", ns, "sleep", "60"]);
        try
        {
            Eventually.Until(() => Shell.Run("ip", ["netns", "pids", ns]).StdOut.Trim().Length > 0, TimeSpan.FromSeconds(5), "the leftover process to run in the namespace");

            using NamespaceLan lan = NamespaceLan.Create("h1");

            Assert.That(NamespaceNames(), Has.None.EqualTo(ns), "the dead run's namespace is gone");
            Assert.That(Directory.Exists(dir), Is.False, "the dead run's work directory is gone");
            Assert.That(sleeper.WaitForExit(TimeSpan.FromSeconds(5)), Is.True, "the process left in it was killed");
            Assert.That(NamespaceNames(), Has.Member(lan["h1"].Namespace), "this run's LAN is untouched");
        }
        finally
        {
            VrrpLab.Lab.Host.LabHygiene.DeleteNamespace(ns);
            VrrpLab.Lab.Host.LabHygiene.DeleteDirectory(dir);
            if (!sleeper.HasExited)
            {
                sleeper.Kill();
            }
        }
    }

    private static List<string> NamespaceNames() =>
        Shell.Check("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
}
