using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary><c>vrrplab daemon</c> starting in a namespace: what it clears, and what it refuses.</summary>
public sealed class DaemonStartupTests : NamespaceTest
{
    [Test]
    public void Daemon_removes_a_leftover_vip_of_its_own_configuration_at_start()
    {
        // What a SIGKILLed predecessor leaves behind (keepalived does the same: "(VI_1) removing VIPs.").
        using NamespaceLan lan = NamespaceLan.Create("h1");
        LanHost host = lan["h1"];
        var spec = new VrrpInstanceSpec();
        Shell.Ip("-n", host.Namespace, "addr", "add", $"{spec.VirtualAddress}/{NamespaceLan.PrefixLength}", "dev", host.Interface);
        Assert.That(host.Holds(spec.VirtualAddress), Is.True, "precondition: the stale VIP is there");

        using VrrpPeer daemon = VrrpPeer.Create(PeerKind.Vrrplab, host, "h1", lan.WorkDirectory);
        daemon.Start(spec.ToConfig("h1"));
        daemon.WaitForBackup(spec.Name, PeerPair.Slack);

        Assert.That(host.Holds(spec.VirtualAddress), Is.False, "a BACKUP does not keep the stale VIP\n" + daemon.Log.Tail());
        Assert.That(host.Holds(host.Address), Is.True, "the host's own address is untouched");
    }

    [Test]
    public void Daemon_refuses_an_interface_that_does_not_exist_with_exit_2_and_its_name()
    {
        using NamespaceLan lan = NamespaceLan.Create("h1");
        using VrrpPeer daemon = VrrpPeer.Create(PeerKind.Vrrplab, lan["h1"], "h1", lan.WorkDirectory);
        daemon.Start(new VrrpInstanceSpec { Interface = "eth9" }.ToConfig("h1"));

        Assert.That(daemon.WaitForExit(PeerPair.Slack), Is.True, "the daemon exits");
        string output = string.Join('\n', daemon.Log.Lines.Select(l => l.Text));
        Assert.That(daemon.ExitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("eth9"), "the message names the interface");
        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
    }
}
