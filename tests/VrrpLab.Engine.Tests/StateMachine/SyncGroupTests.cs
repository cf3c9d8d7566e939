namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>Domain section 4, "Sync groups".</summary>
public sealed class SyncGroupTests
{
    private static RouterHarness Pair(out VrrpInstance vi1, out VrrpInstance vi2, Duration? tracked = null)
    {
        var a = RouterHarness.Config() with { Name = "VI_1" };
        var b = RouterHarness.Config() with { Name = "VI_2", Interface = "eth1", VirtualRouterId = 52, VirtualAddresses = [VirtualAddress.Host(System.Net.IPAddress.Parse("10.1.0.100"))] };
        var scripts = tracked is null ? [] : new[] { new TrackedScript("chk", "/bin/true", tracked.Value, tracked.Value, 0, 1, 1, false) };
        if (tracked is not null)
        {
            b = b with { TrackScripts = [new ScriptTrack("chk")] };
        }

        var config = new RouterConfig { Instances = [a, b], Scripts = [.. scripts], SyncGroups = [new SyncGroupConfig("G1", ["VI_1", "VI_2"])] };
        var h = new RouterHarness(config).Start();
        vi1 = h.Router.Instances[0];
        vi2 = h.Router.Instances[1];
        return h;
    }

    [Test]
    public void Members_go_master_only_together()
    {
        var h = Pair(out var vi1, out var vi2);
        // VI_2 keeps hearing a master on eth1; VI_1's timer fires but it must wait for VI_2.
        for (int s = 1; s <= 6; s++)
        {
            h.RunUntil(T.S(s));
            h.Router.ReceivePacket(h.Now, "eth1", System.Net.IPAddress.Parse("10.1.0.12"), TestAddresses.Group, 255,
                Wire.AdvertisementCodec.Encode(new Wire.Advertisement(VrrpVersion.V2, 52, 200, Duration.FromSeconds(1), [System.Net.IPAddress.Parse("10.1.0.100")]),
                    System.Net.IPAddress.Parse("10.1.0.12"), TestAddresses.Group, V3ChecksumForm.PseudoHeader));
        }

        Assert.That(vi1.State, Is.EqualTo(VrrpState.Backup));
        Assert.That(vi2.State, Is.EqualTo(VrrpState.Backup));
        h.RunUntil(T.S(6) + Duration.FromMicroseconds(3_609_375));
        Assert.That(vi1.State, Is.EqualTo(VrrpState.Master));
        Assert.That(vi2.State, Is.EqualTo(VrrpState.Master));
    }

    [Test]
    public void Backup_of_one_member_takes_the_whole_group_to_backup()
    {
        var h = Pair(out var vi1, out var vi2);
        h.RunUntil(T.S(4));
        Assert.That(new[] { vi1.State, vi2.State }, Is.All.EqualTo(VrrpState.Master));
        h.Receive(T.S(5), 200);
        Assert.That(new[] { vi1.State, vi2.State }, Is.All.EqualTo(VrrpState.Backup));
    }

    [Test]
    public void Fault_of_one_member_takes_the_whole_group_to_fault()
    {
        var h = Pair(out var vi1, out var vi2, tracked: Duration.FromSeconds(1));
        h.RunUntil(T.S(4));
        h.Script(T.S(5), "chk", ok: false);
        Assert.That(new[] { vi1.State, vi2.State }, Is.All.EqualTo(VrrpState.Fault));
        h.Script(T.S(6), "chk", ok: true);
        Assert.That(new[] { vi1.State, vi2.State }, Is.All.EqualTo(VrrpState.Backup));
    }
}
