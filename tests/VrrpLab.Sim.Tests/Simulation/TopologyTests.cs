namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>Unicast peers, hosts with several interfaces, carrier loss.</summary>
public class TopologyTests
{
    private static SimulationResult Run(Scenario s) => new Simulator(s, new SimulationOptions { Recording = RecordingLevel.Full }).Run();

    [Test]
    public void Unicast_adverts_reach_only_the_listed_peer()
    {
        VrrpInstanceConfig Uni(byte prio, string self, string peer) => Instance(prio) with
        {
            UnicastSourceAddress = IPAddress.Parse(self),
            UnicastPeers = [IPAddress.Parse(peer)],
        };

        var s = new Scenario
        {
            Name = "unicast",
            Duration = S(10),
            Autostart = true,
            Nodes =
            [
                Node("node1", "10.0.0.11", Uni(100, "10.0.0.11", "10.0.0.12")),
                Node("node2", "10.0.0.12", Uni(50, "10.0.0.12", "10.0.0.11")),
                Node("node3", "10.0.0.13", Uni(10, "10.0.0.13", "10.0.0.99")),
            ],
        };
        SimulationResult r = Run(s);
        Assert.That(r.History.StateAt("node2", "VI_1", 9_000_000), Is.EqualTo(VrrpState.Backup), "node2 hears node1's unicast adverts");
        Assert.That(r.History.StateAt("node3", "VI_1", 9_000_000), Is.EqualTo(VrrpState.Master), "node3 is nobody's peer: it hears nothing");
        Assert.That(r.Trace.Where(e => e.Kind == TraceKind.AdvertRx && e.Node == "node3"), Is.Empty);
        Assert.That(r.Trace.Any(e => e.Kind == TraceKind.PacketLost && e.Node == "node3" && e.Reason == "no_route"));
    }

    [Test]
    public void A_host_with_two_interfaces_runs_an_instance_on_each_segment()
    {
        VrrpInstanceConfig On(string iface, byte vrid, byte prio, string vip) => Instance(prio, vip: vip, vrid: vrid) with { Name = "VI_" + iface, Interface = iface };
        NodeSpec Router(string name, string a, string b, byte p1, byte p2) => new(name,
            [new InterfaceSpec("eth0", "front", IPAddress.Parse(a), 24), new InterfaceSpec("eth1", "back", IPAddress.Parse(b), 24)],
            new RouterConfig { Instances = [On("eth0", 1, p1, "10.0.0.100"), On("eth1", 2, p2, "10.1.0.100")] });
        var s = new Scenario
        {
            Name = "two-legs",
            Duration = S(10),
            Autostart = true,
            Segments = [SegmentSpec.DefaultLan with { Name = "front" }, SegmentSpec.DefaultLan with { Name = "back" }],
            Nodes = [Router("r1", "10.0.0.11", "10.1.0.11", 100, 50), Router("r2", "10.0.0.12", "10.1.0.12", 50, 100)],
        };
        SimulationResult r = Run(s);
        Assert.That(r.History.StateAt("r1", "VI_eth0", 9_000_000), Is.EqualTo(VrrpState.Master));
        Assert.That(r.History.StateAt("r2", "VI_eth1", 9_000_000), Is.EqualTo(VrrpState.Master));
        Assert.That(r.History.Clients.Select(c => (c.Segment, c.Vip.ToString())), Is.EquivalentTo(new[] { ("front", "10.0.0.100"), ("back", "10.1.0.100") }));
        Assert.That(r.Trace.Where(e => e.Kind == TraceKind.AdvertRx).Select(e => e.Interface).Distinct(), Is.EquivalentTo(new[] { "eth0", "eth1" }));
    }

    [Test]
    public void A_master_whose_carrier_drops_goes_silent_and_its_vip_is_unreachable_until_the_backup_takes_over()
    {
        SimulationResult r = Run(TwoNodes(S(20), [At(10.5, new LinkAction("node1", "eth0", false))]));
        long takeover = r.History.States.First(x => x.Node == "node2" && x.To == VrrpState.Master).TimeUs;
        Assert.That(takeover, Is.EqualTo(9_609_375 + 100 + 3_804_687), "the last advert node2 heard was node1's at 9.609375s");
        Assert.That(r.History.Clients.Single().Outages[^1], Is.EqualTo((10_500_000L, takeover + 100 + 200)), "GARP, then node2 resolves the client");
    }

    [Test]
    public void Vrrpv3_over_ipv6_sends_from_a_derived_link_local_address_when_none_is_given()
    {
        VrrpInstanceConfig V6(byte prio) => Instance(prio, vip: "2001:db8::100") with { Version = VrrpVersion.V3 };
        var s = new Scenario
        {
            Name = "v6",
            Duration = S(10),
            Autostart = true,
            Nodes = [Node("node1", "10.0.0.11", V6(100)), Node("node2", "10.0.0.12", V6(50))],
        };
        SimulationResult r = Run(s);
        Assert.That(r.Trace.Where(e => e.Kind == TraceKind.AdvertTx).Select(e => (e.Address, e.Peer)).Distinct(), Is.EqualTo(new[] { ("fe80::a00:b", "ff02::12") }));
        Assert.That(r.History.StateAt("node2", "VI_1", 9_000_000), Is.EqualTo(VrrpState.Backup), "node2 accepts node1's IPv6 adverts");
        Assert.That(r.History.Clients.Single().Outages, Has.Count.EqualTo(1), "the client reaches the IPv6 VIP once node1 announces it");
    }
}
