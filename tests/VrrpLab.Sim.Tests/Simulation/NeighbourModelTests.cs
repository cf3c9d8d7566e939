namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>
/// The segment client's neighbour entry follows Linux's defaults (measured in the lab): gratuitous
/// ARPs override it, a reply confirms it for a reachable time of 15 to 45 s, then it is probed by
/// unicast after 5 s and fails after three unanswered probes 1 s apart.
/// </summary>
public class NeighbourModelTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.100");

    private static SimulationResult Run(Scenario s, ulong? seed = null) =>
        new Simulator(s, new SimulationOptions { Recording = RecordingLevel.Full, Seed = seed }).Run();

    private static ClientArpRecord[] Arp(SimulationResult r) => [.. r.Log.OfType<ClientArpRecord>()];

    private static Scenario Catalogue(string file)
    {
        ScenarioLoadResult l = ScenarioLoader.LoadFile(Path.Combine(RepoPaths.Scenarios, file));
        Assert.That(l.Succeeded, Is.True, string.Join("\n", l.Errors));
        return l.Scenario!;
    }

    [Test]
    public void A_host_that_silently_drops_the_vip_keeps_the_clients_traffic_until_its_probes_fail()
    {
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            SimulationResult r = Run(Catalogue("stale-arp-after-split-brain.yaml") with { Duration = Engine.Time.Duration.FromSeconds(90) }, seed);
            ClientArpRecord[] arp = Arp(r);
            // node2's GARP (13.414262s), the DELAY's probe 5 s later answered 200us later: REACHABLE from 18.414462s.
            Assert.That(arp.Any(a => a.TimeUs == 13_414_262 && a.Owner == "node2" && a.How == "gratuitous arp"), seed.ToString());
            Assert.That(arp.Any(a => a.TimeUs == 18_414_262 && a.How == "probe to node2"), seed.ToString());
            ClientArpRecord failed = arp.Single(a => a.How == "failed");
            long reachable = failed.TimeUs - 18_414_462 - 8_000_000;
            Assert.That(reachable, Is.InRange(15_000_000, 44_999_999), $"seed {seed}: the reachable time is drawn from [15s, 45s)");
            ClientArpRecord back = arp.Single(a => a.TimeUs > failed.TimeUs && a.Owner is not null);
            Assert.That((back.Owner, back.How, back.TimeUs - failed.TimeUs), Is.EqualTo(("node1", "arp reply", 200L)), seed.ToString());
            (long s, long e) = r.History.ClientOf("lan", Vip)!.Outages.Single(o => o.Start > 30_000_000);
            Assert.That((s, e), Is.EqualTo((30_609_475L, back.TimeUs)), seed.ToString());
        }
    }

    [Test]
    public void The_reachable_time_differs_between_seeds_and_replays_exactly()
    {
        long Failure(ulong seed) => Arp(Run(Catalogue("stale-arp-after-split-brain.yaml") with { Duration = Engine.Time.Duration.FromSeconds(90) }, seed))
            .Single(a => a.How == "failed").TimeUs;
        long[] times = [.. new ulong[] { 1, 2, 3, 4, 5 }.Select(Failure)];
        Assert.That(times.Distinct().Count(), Is.GreaterThan(1));
        Assert.That(Failure(3), Is.EqualTo(times[2]));
    }

    [Test]
    public void A_held_vip_stays_reachable_through_the_probe_cycle()
    {
        SimulationResult r = Run(TwoNodes(S(400)));
        ClientView view = r.History.ClientOf("lan", Vip)!;
        Assert.That(view.Outages.Where(o => o.Start >= view.FirstAcquiredUs), Is.Empty, "probes of a holder are answered");
        ClientArpRecord[] probes = [.. Arp(r).Where(a => a.How == "probe to node1")];
        // One probe per cycle of reachable time (15-45 s) + 5 s, the first 5 s after the GARP.
        Assert.That(probes.Length, Is.InRange(400 / 50, 400 / 20 + 1));
        Assert.That(probes[0].TimeUs, Is.EqualTo(3_609_475 + 5_000_000));
        Assert.That(Arp(r).Count(a => a.How == "failed"), Is.Zero);
    }

    [Test]
    public void Gratuitous_arps_move_the_entry_at_once_and_a_garp_from_the_cached_host_changes_nothing()
    {
        SimulationResult r = Run(Catalogue("paused-master.yaml"));
        ClientArpRecord[] moves = [.. Arp(r).Where(a => a.Owner is not null)];
        Assert.That(moves.Select(m => (m.TimeUs, m.Owner)), Is.EqualTo(new[] { (3_609_475L, "node1"), (13_414_262L, "node2"), (15_000_100L, "node1") }));
        Assert.That(r.Log.OfType<GarpRecord>().Count(g => g.Node == "node1"), Is.GreaterThan(moves.Count(m => m.Owner == "node1")),
            "node1's garp_master_delay repeat reaches an entry that already points at node1");
    }
}
