namespace VrrpLab.Sim.Tests.Clusters;

/// <summary>
/// The cluster "as vrrplab check derives it" from keepalived.conf files: each host's own address,
/// one segment per subnet, routed unicast, VIP placements.
/// </summary>
public sealed class ClusterDerivationTests
{
    internal static ClusterHost Host(string file, string text)
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse(text, file, null);
        Assert.That(r.Config, Is.Not.Null, string.Join("\n", r.Diagnostics));
        return new ClusterHost(file, r.Config!);
    }

    internal static string Instance(int priority, string extra = "", string vip = "10.1.1.100", int vrid = 51, string iface = "eth0", string head = "") => $$"""
        {{head}}
        vrrp_instance VI_1 {
            state BACKUP
            interface {{iface}}
            virtual_router_id {{vrid}}
            priority {{priority}}
            advert_int 1
            virtual_ipaddress { {{vip}} }
            {{extra}}
        }
        """;

    /// <summary>The states of hosts a and b's VI_1 after the derived cluster ran for 10 s with no timeline.</summary>
    private static (VrrpState A, VrrpState B) StatesAfterTenSeconds(DerivedCluster c)
    {
        SimulationResult run = new Simulator(c.Scenario("t", Engine.Time.Duration.FromSeconds(10), [])).Run();
        return (run.History.StateAt("a", "VI_1", 10_000_000), run.History.StateAt("b", "VI_1", 10_000_000));
    }

    [Test]
    public void A_unicast_pair_without_unicast_src_ip_gets_the_addresses_its_peers_list_and_elects_one_master()
    {
        // The wild files 013/014: each lists the other's address only; keepalived sends from the
        // interface's primary address, which is what the other host lists.
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(200, "unicast_peer {\n 192.168.1.47\n}", vip: "192.168.1.50")),
            Host("b.conf", Instance(100, "unicast_peer {\n 192.168.1.46\n}", vip: "192.168.1.50")),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(c.Interfaces.Select(i => $"{i.Node} {i.Address}/{i.PrefixLength} {i.Origin}"),
                Is.EqualTo(new[] { "a 192.168.1.46/24 PeerList", "b 192.168.1.47/24 PeerList" }));
            Assert.That(c.Interfaces[0].Evidence, Does.Contain("unicast_peer of VI_1 in b.conf"));
            Assert.That(StatesAfterTenSeconds(c), Is.EqualTo((VrrpState.Master, VrrpState.Backup)));
        });
    }

    [Test]
    public void Three_hosts_listing_each_other_each_get_the_address_the_other_two_list()
    {
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(150, "unicast_peer {\n 10.0.0.2\n 10.0.0.3\n}")),
            Host("b.conf", Instance(100, "unicast_peer {\n 10.0.0.1\n 10.0.0.3\n}")),
            Host("c.conf", Instance(50, "unicast_peer {\n 10.0.0.1\n 10.0.0.2\n}")),
        ]);

        Assert.That(c.Interfaces.Select(i => i.Address.ToString()), Is.EqualTo(new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3" }));
    }

    [Test]
    public void Explicit_source_addresses_win_and_a_peer_without_one_is_placed_in_their_subnet()
    {
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(100, "mcast_src_ip 172.16.5.10", vip: "192.0.2.7")),
            Host("b.conf", Instance(50, vip: "192.0.2.7")),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(c.Interfaces[0].Origin, Is.EqualTo(AddressOrigin.MulticastSource));
            Assert.That(c.Interfaces[1].Origin, Is.EqualTo(AddressOrigin.PeerSubnet));
            Assert.That(c.Interfaces[1].Subnet, Is.EqualTo("172.16.5.0/24"));
            Assert.That(c.Segments, Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Multicast_hosts_in_different_subnets_are_on_different_segments_and_both_become_master()
    {
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(100, "mcast_src_ip 10.0.1.10")),
            Host("b.conf", Instance(50, "mcast_src_ip 10.0.2.10")),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(c.Segments.Select(s => s.Name), Is.EqualTo(new[] { "lan", "lan2" }));
            Assert.That(StatesAfterTenSeconds(c), Is.EqualTo((VrrpState.Master, VrrpState.Master)), "multicast does not cross subnets");
        });
    }

    [Test]
    public void Unicast_peers_in_different_subnets_hear_each_other_through_the_router()
    {
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(100, "unicast_src_ip 10.0.1.10\n unicast_peer {\n 10.0.2.10\n}")),
            Host("b.conf", Instance(50, "unicast_src_ip 10.0.2.10\n unicast_peer {\n 10.0.1.10\n}")),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(c.Segments, Has.Length.EqualTo(2));
            Assert.That(StatesAfterTenSeconds(c), Is.EqualTo((VrrpState.Master, VrrpState.Backup)), "unicast adverts are routed between subnets");
        });
    }

    [Test]
    public void A_vip_on_another_device_puts_that_interface_in_the_vips_subnet_with_its_own_segment()
    {
        const string extra = "virtual_ipaddress_excluded {\n 203.0.113.9/24 dev eth1\n}";
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(100, extra)),
            Host("b.conf", Instance(50, extra)),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(c.InterfacesOf("a").Select(i => $"{i.Name} {i.Subnet} {i.Segment}"), Is.EqualTo(new[] { "eth0 10.1.1.0/24 lan", "eth1 203.0.113.0/24 lan2" }));
            Assert.That(c.Vips.Select(v => $"{v.Address} {string.Join(",", v.Segments)}"), Is.EqualTo(new[] { "10.1.1.100 lan", "203.0.113.9 lan2" }));
        });
    }

    [Test]
    public void One_vip_under_two_vrids_is_one_placement_with_both_vrids()
    {
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(100, vrid: 151)),
            Host("b.conf", Instance(50, vrid: 152)),
        ]);

        Assert.That(c.Vips.Single().Vrids, Is.EqualTo(new byte[] { 151, 152 }));
    }

    [Test]
    public void Nodes_are_named_by_distinct_router_ids_else_by_file()
    {
        DerivedCluster byId = ClusterDerivation.Derive([
            Host("x/a.conf", Instance(100, head: "global_defs {\n router_id lb1\n}")),
            Host("x/b.conf", Instance(50, head: "global_defs {\n router_id lb2\n}")),
        ]);
        DerivedCluster byFile = ClusterDerivation.Derive([
            Host("x/lb-a.conf", Instance(100, head: "global_defs {\n router_id LVS_DEVEL\n}")),
            Host("y/lb-a.conf", Instance(50, head: "global_defs {\n router_id LVS_DEVEL\n}")),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(byId.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "lb1", "lb2" }));
            Assert.That(byFile.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "lb-a", "lb-a-2" }));
        });
    }

    [Test]
    public void Derived_addresses_never_collide_with_each_other_or_a_vip()
    {
        DerivedCluster c = ClusterDerivation.Derive([
            Host("a.conf", Instance(100, vip: "10.1.1.11")),
            Host("b.conf", Instance(50, vip: "10.1.1.11")),
            Host("c.conf", Instance(20, vip: "10.1.1.11")),
        ]);

        var addresses = c.Interfaces.Select(i => i.Address.ToString()).ToList();
        Assert.That(addresses, Is.Unique.And.Not.Contains("10.1.1.11"));
    }
}
