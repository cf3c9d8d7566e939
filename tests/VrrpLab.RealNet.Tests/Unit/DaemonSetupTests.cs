namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>What the daemon checks before it starts, and the leftover-VIP cleanup.</summary>
public sealed class DaemonSetupTests
{
    private static VrrpInstanceConfig Instance(string name, byte priority = 100, string vip = "10.0.0.100") => new()
    {
        Name = name,
        Interface = "eth0",
        VirtualRouterId = 151,
        Priority = priority,
        VirtualAddresses = [VirtualAddress.Host(IPAddress.Parse(vip))],
    };

    private static RouterConfig Config(params VrrpInstanceConfig[] instances) => new()
    {
        Instances = [.. instances],
        SyncGroups = [new SyncGroupConfig("G", ["VI_1", "VI_2"])],
    };

    [Test]
    public void Without_instance_options_every_instance_runs()
    {
        RouterConfig c = DaemonSetup.SelectInstances(Config(Instance("VI_1"), Instance("VI_2")), [], "k.conf");
        Assert.That(c.Instances.Select(i => i.Name), Is.EqualTo(new[] { "VI_1", "VI_2" }));
    }

    [Test]
    public void Instance_option_keeps_only_the_named_instances_and_their_sync_group_members()
    {
        RouterConfig c = DaemonSetup.SelectInstances(Config(Instance("VI_1"), Instance("VI_2")), ["VI_2"], "k.conf");
        Assert.Multiple(() =>
        {
            Assert.That(c.Instances.Select(i => i.Name), Is.EqualTo(new[] { "VI_2" }));
            Assert.That(c.SyncGroups.Single().Instances, Is.EqualTo(new[] { "VI_2" }));
        });
    }

    [Test]
    public void Unknown_instance_name_is_a_startup_error_naming_the_option()
    {
        var e = Assert.Throws<DaemonStartupException>(() =>
            DaemonSetup.SelectInstances(Config(Instance("VI_1")), ["VI_9"], "k.conf"));
        Assert.That(e!.Message, Is.EqualTo("k.conf: no vrrp_instance named 'VI_9' (option --instance)"));
    }

    [Test]
    public void A_config_without_instances_is_a_startup_error()
    {
        Assert.Throws<DaemonStartupException>(() => DaemonSetup.SelectInstances(new RouterConfig(), [], "k.conf"));
    }

    [Test]
    public void Leftover_vips_of_our_configuration_are_removed_and_logged()
    {
        var ports = new FakePorts();
        VrrpInstanceConfig i = Instance("VI_1") with
        {
            ExcludedAddresses = [new VirtualAddress(IPAddress.Parse("10.0.1.5"), 24, "eth1")],
        };
        ports.AddressErrno["del 10.0.0.100/32"] = 99; // not there
        DaemonSetup.RemoveLeftoverAddresses(Config(i), ports, ports.Log);
        Assert.Multiple(() =>
        {
            Assert.That(ports.Calls, Is.EqualTo(new[] { "del 10.0.0.100/32 eth0", "del 10.0.1.5/24 eth1" }));
            Assert.That(ports.LogLines, Is.EqualTo(new[] { "(VI_1) removed leftover VIP 10.0.1.5/24 from eth1" }));
        });
    }

    [Test]
    public void An_address_owner_keeps_its_address_at_startup()
    {
        var ports = new FakePorts();
        DaemonSetup.RemoveLeftoverAddresses(Config(Instance("VI_1", priority: 255)), ports, ports.Log);
        Assert.That(ports.Calls, Is.Empty);
    }

    [Test]
    public void Missing_cap_net_admin_is_a_startup_error_that_says_so()
    {
        var ports = new FakePorts();
        ports.AddressErrno["del 10.0.0.100/32"] = 1; // EPERM
        var e = Assert.Throws<DaemonStartupException>(() => DaemonSetup.RemoveLeftoverAddresses(Config(Instance("VI_1")), ports, ports.Log));
        Assert.That(e!.Message, Does.Contain("CAP_NET_ADMIN"));
    }

    [Test]
    public void An_interface_that_does_not_exist_is_a_startup_error_naming_instance_and_interface()
    {
        RouterConfig c = Config(Instance("VI_1") with { Interface = "vlrn-nonexistent0" });
        var e = Assert.Throws<DaemonStartupException>(() =>
            DaemonSetup.ResolveInterfaces(c, [new VrrpLab.RealNet.Netlink.LinkStatus(2, "eth0", true)], [], _ => { }));
        Assert.That(e!.Message, Is.EqualTo("vrrp_instance VI_1: interface 'vlrn-nonexistent0' does not exist on this host"));
    }

    [Test]
    public void An_unknown_script_user_is_a_startup_error()
    {
        var c = new RouterConfig { ScriptUser = "vlrn-no-such-user" };
        var e = Assert.Throws<DaemonStartupException>(() => DaemonSetup.ResolveScriptUsers(c));
        Assert.That(e!.Message, Is.EqualTo("script_user 'vlrn-no-such-user' does not exist on this host"));
    }

    [Test]
    public void A_script_without_its_own_user_runs_as_script_user()
    {
        var c = new RouterConfig
        {
            ScriptUser = "root",
            Scripts = [TrackedScript.WithDefaults("chk", "/bin/true")],
        };
        var (scripts, defaultUser) = DaemonSetup.ResolveScriptUsers(c);
        Assert.Multiple(() =>
        {
            Assert.That(defaultUser?.Uid, Is.EqualTo(0u));
            Assert.That(scripts["chk"].User?.Name, Is.EqualTo("root"));
        });
    }
}
