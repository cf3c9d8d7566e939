namespace VrrpLab.Sim.Tests.Checks;

/// <summary>Verdicts computed from small hand-made histories, so each rule is checked exactly at its boundaries.</summary>
public class ExpectationEvaluatorTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.100");
    private const long End = 100_000_000;

    private static InstanceInfo Inst(string node, int index) =>
        new(node, index, "VI_1", "eth0", 51, "lan", Duration.FromSeconds(1), [Vip]);

    private static TopologySnapshot Topo(long t, int group2 = 0) =>
        new(t, [true, true], [[true], [true]], [0, group2]);

    private static StateRecord St(long t, string node, VrrpState from, VrrpState to) => new(t, node, "VI_1", 51, from, to, "test");

    private static VipRecord Add(long t, string node) => new(t, node, "VI_1", "eth0", Vip, true, "test");

    private static VipRecord Del(long t, string node) => new(t, node, "VI_1", "eth0", Vip, false, "test");

    private static SimHistory History(
        IEnumerable<StateRecord> states,
        IEnumerable<VipRecord>? vips = null,
        IEnumerable<TopologySnapshot>? topology = null,
        ClientView? client = null) =>
        new(["node1", "node2"], [["eth0"], ["eth0"]], [Inst("node1", 0), Inst("node2", 1)],
            [.. states.OrderBy(s => s.TimeUs)], [.. (vips ?? []).OrderBy(v => v.TimeUs)], [],
            [.. topology ?? [Topo(0)]], client is null ? [] : [client], End);

    /// <summary>node1 MASTER from 3s; node2 MASTER from 10s to 10s + overlap.</summary>
    private static SimHistory Overlap(long overlapUs, IEnumerable<TopologySnapshot>? topo = null) => History(
    [
        St(0, "node1", VrrpState.Init, VrrpState.Backup),
        St(0, "node2", VrrpState.Init, VrrpState.Backup),
        St(3_000_000, "node1", VrrpState.Backup, VrrpState.Master),
        St(10_000_000, "node2", VrrpState.Backup, VrrpState.Master),
        St(10_000_000 + overlapUs, "node2", VrrpState.Master, VrrpState.Backup),
    ], topology: topo);

    [Test]
    public void Single_master_tolerates_an_overlap_of_exactly_one_advert_interval()
    {
        Verdict v = ExpectationEvaluator.Evaluate(new SingleMasterExpectation(null), Overlap(1_000_000));
        Assert.That(v.Passed, Is.True, v.Evidence);
    }

    [Test]
    public void Single_master_fails_one_microsecond_past_the_grace_with_both_nodes_and_times_as_evidence()
    {
        Verdict v = ExpectationEvaluator.Evaluate(new SingleMasterExpectation(null), Overlap(1_000_001));
        Assert.That(v.Passed, Is.False);
        Assert.That(v.Evidence, Is.EqualTo("node1 and node2 were both MASTER of VRID 51 and could reach each other from 10s to 11.000001s (1.000001s, grace 1s)"));
        Assert.That(v.FocusUs, Is.EqualTo(10_000_000));
    }

    [Test]
    public void Single_master_ignores_masters_that_cannot_reach_each_other()
    {
        Verdict v = ExpectationEvaluator.Evaluate(new SingleMasterExpectation(null), Overlap(50_000_000, [Topo(0), Topo(9_000_000, group2: 1)]));
        Assert.That(v.Passed, Is.True, v.Evidence);

        Verdict healedEarly = ExpectationEvaluator.Evaluate(new SingleMasterExpectation(null), Overlap(50_000_000, [Topo(0), Topo(9_000_000, group2: 1), Topo(20_000_000)]));
        Assert.That(healedEarly.Passed, Is.False);
        Assert.That(healedEarly.Evidence, Does.Contain("from 20s to 60s"));
    }

    private static ClientView Entries(params (long T, string Node)[] entries)
    {
        var c = new ClientView("lan", Vip) { FirstAcquiredUs = entries.Length > 0 ? entries[0].T : null };
        c.Neighbours.AddRange(entries.Select(e => (e.T, e.Node, "eth0")));
        return c;
    }

    [Test]
    public void Vip_moves_count_changes_of_the_clients_neighbour_entry_after_the_first_one()
    {
        SimHistory h = History([], client: Entries((3_000_100, "node1"), (11_000_100, "node2"), (21_000_100, "node1"), (31_000_100, "node1")));
        Verdict two = ExpectationEvaluator.Evaluate(new VipMovesExpectation(null, null, 2), h);
        Assert.That(two.Passed, Is.True, two.Evidence);
        Assert.That(two.Evidence, Is.EqualTo("2 VIP moves of 10.0.0.100 seen from the client on lan: node1 -> node2 at 11.0001s, node2 -> node1 at 21.0001s"));
        Assert.That(ExpectationEvaluator.Evaluate(new VipMovesExpectation(1, null, null), h).Passed, Is.False);
        Assert.That(ExpectationEvaluator.Evaluate(new VipMovesExpectation(null, 3, null), h).Passed, Is.False);
    }

    [Test]
    public void Vip_moves_count_what_the_client_saw_not_who_held_the_vip()
    {
        // node1 holds the VIP throughout (a frozen master); node2 holds it too from 13s to 15s. The client
        // follows node2's GARP and node1's answering GARP: two moves although the single holder never changed.
        SimHistory frozen = History([], [Add(3_000_000, "node1"), Add(13_000_000, "node2"), Del(15_000_000, "node2")],
            client: Entries((3_000_100, "node1"), (13_000_100, "node2"), (15_000_000, "node1")));
        Verdict two = ExpectationEvaluator.Evaluate(new VipMovesExpectation(null, null, 2), frozen);
        Assert.That(two.Passed, Is.True, two.Evidence);

        // The same holders, with node2's GARPs lost: the client never left node1.
        SimHistory lost = History([], [Add(3_000_000, "node1"), Add(13_000_000, "node2"), Del(15_000_000, "node2")], client: Entries((3_000_100, "node1")));
        Verdict none = ExpectationEvaluator.Evaluate(new VipMovesExpectation(null, null, 0), lost);
        Assert.That(none.Evidence, Is.EqualTo("0 VIP moves of 10.0.0.100 seen from the client on lan"));
        Assert.That(none.Passed, Is.True);

        Verdict never = ExpectationEvaluator.Evaluate(new VipMovesExpectation(null, null, 0), History([], client: Entries()));
        Assert.That(never.Evidence, Is.EqualTo("0 VIP moves of 10.0.0.100 seen from the client on lan (it never reached it)"));
    }

    [Test]
    public void Outage_counts_from_the_first_acquisition_by_default_and_clips_an_open_outage_at_the_end()
    {
        var client = new ClientView("lan", Vip) { FirstAcquiredUs = 3_000_100 };
        client.Outages.AddRange([(0, 3_000_100), (10_000_000, 10_804_887), (90_000_000, long.MaxValue)]);
        SimHistory h = History([], client: client);
        Verdict v = ExpectationEvaluator.Evaluate(new OutageExpectation(Duration.FromSeconds(10), null), h);
        Assert.That(v.Passed, Is.True, v.Evidence);
        Assert.That(v.Evidence, Does.StartWith("longest outage 10s from 90s to 100s (end of run)"));

        Verdict after = ExpectationEvaluator.Evaluate(new OutageExpectation(Duration.FromMilliseconds(804), Duration.FromSeconds(5)) { }, History([], client: Clip(client)));
        Assert.That(after.Passed, Is.False);
        Assert.That(after.Evidence, Is.EqualTo("longest outage 0.804887s from 10s to 10.804887s (10.0.0.100 seen from the client on lan), expected at most 804ms"));
    }

    [Test]
    public void Outage_min_requires_the_client_to_be_cut_off_at_least_that_long()
    {
        var client = new ClientView("lan", Vip) { FirstAcquiredUs = 3_000_100 };
        client.Outages.AddRange([(0, 3_000_100), (30_609_475, 41_414_662)]);
        SimHistory h = History([], client: client);
        Verdict held = ExpectationEvaluator.Evaluate(new OutageExpectation(null, Duration.FromSeconds(30)) { Min = Duration.FromMicroseconds(10_805_187) }, h);
        Assert.That(held.Passed, Is.True, held.Evidence);
        Verdict shorter = ExpectationEvaluator.Evaluate(new OutageExpectation(null, Duration.FromSeconds(30)) { Min = Duration.FromMicroseconds(10_805_188) }, h);
        Assert.That(shorter.Passed, Is.False);
        Assert.That(shorter.Evidence, Does.EndWith(", expected at least 10.805188s"));
        Assert.That(shorter.Description, Is.EqualTo("outage min 10.805188s after 30s"));
        Verdict none = ExpectationEvaluator.Evaluate(new OutageExpectation(null, Duration.FromSeconds(50)) { Min = Duration.FromSeconds(1) }, h);
        Assert.That((none.Passed, none.Evidence), Is.EqualTo((false, "no outage after 30s, expected at least 1s".Replace("30s", "50s", StringComparison.Ordinal))));
    }

    private static ClientView Clip(ClientView c)
    {
        var copy = new ClientView(c.Segment, c.Vip) { FirstAcquiredUs = c.FirstAcquiredUs };
        copy.Outages.AddRange(c.Outages.Take(2));
        return copy;
    }

    [TestCase(800_000, true)]
    [TestCase(1_500_000, true)]
    [TestCase(799_999, false)]
    [TestCase(1_500_001, false)]
    public void Takeover_windows_include_both_ends(long delay, bool passes)
    {
        SimHistory h = History([St(0, "node2", VrrpState.Init, VrrpState.Backup), St(30_000_000 + delay, "node2", VrrpState.Backup, VrrpState.Master)]);
        Verdict v = ExpectationEvaluator.Evaluate(new TakeoverExpectation("node2", Duration.FromSeconds(30), Duration.FromMilliseconds(800), Duration.FromMilliseconds(1500)), h);
        Assert.That(v.Passed, Is.EqualTo(passes), v.Evidence);
        Assert.That(v.Evidence, Does.Contain("expected within [30.8s, 31.5s]"));
    }

    [Test]
    public void Transitions_omit_init_and_name_the_first_difference()
    {
        SimHistory h = Overlap(1);
        Assert.That(ExpectationEvaluator.Evaluate(new TransitionsExpectation([new NodeTransitions("node2", [VrrpState.Backup, VrrpState.Master, VrrpState.Backup])]), h).Passed, Is.True);
        Verdict v = ExpectationEvaluator.Evaluate(new TransitionsExpectation([new NodeTransitions("node2", [VrrpState.Backup, VrrpState.Master])]), h);
        Assert.That(v.Passed, Is.False);
        Assert.That(v.Evidence, Does.StartWith("node2 entered BACKUP MASTER BACKUP, expected BACKUP MASTER"));
        Assert.That(v.FocusUs, Is.EqualTo(10_000_001));
    }

    [Test]
    public void At_master_fails_with_two_masters_and_none_means_no_master()
    {
        SimHistory h = Overlap(10_000_000);
        Verdict two = ExpectationEvaluator.Evaluate(new MasterAtExpectation(Duration.FromSeconds(15), "node1"), h);
        Assert.That(two.Passed, Is.False);
        Assert.That(two.Evidence, Does.Contain("2 MASTERs (node1, node2)"));
        Assert.That(ExpectationEvaluator.Evaluate(new MasterAtExpectation(Duration.FromSeconds(1), null), h).Passed, Is.True);
        Assert.That(ExpectationEvaluator.Evaluate(new MasterAtExpectation(Duration.FromSeconds(25), "node1"), h).Passed, Is.True, "node2 stepped down at 20s");
        Assert.That(ExpectationEvaluator.Evaluate(new MasterAtExpectation(Duration.FromSeconds(20), "node1"), h).Passed, Is.True, "at an instant, after every event at it");
    }

    [Test]
    public void Eventually_and_never_look_at_the_closed_window()
    {
        SimHistory h = Overlap(1_000_000);
        Assert.That(ExpectationEvaluator.Evaluate(new EventuallyMasterExpectation("node2", Duration.FromSeconds(5), Duration.FromSeconds(5)), h).Passed, Is.True);
        Assert.That(ExpectationEvaluator.Evaluate(new EventuallyMasterExpectation("node2", Duration.FromSeconds(5), Duration.FromMilliseconds(4999)), h).Passed, Is.False);
        Assert.That(ExpectationEvaluator.Evaluate(new EventuallyMasterExpectation("node1", Duration.FromSeconds(50), Duration.Zero), h).Passed, Is.True, "already MASTER at T");
        Assert.That(ExpectationEvaluator.Evaluate(new NeverMasterExpectation("node2", Duration.Zero, Duration.FromMilliseconds(9999)), h).Passed, Is.True);
        Verdict n = ExpectationEvaluator.Evaluate(new NeverMasterExpectation("node2", Duration.Zero, null), h);
        Assert.That(n.Passed, Is.False);
        Assert.That(n.Evidence, Is.EqualTo("node2 became MASTER at 10s (test)"));
    }

    [Test]
    public void Vip_only_on_master_reports_the_host_the_state_and_the_span()
    {
        SimHistory h = History(
            [St(0, "node1", VrrpState.Init, VrrpState.Backup), St(3_000_000, "node1", VrrpState.Backup, VrrpState.Master), St(40_000_000, "node1", VrrpState.Master, VrrpState.Stop)],
            [Add(3_000_000, "node1")]);
        Verdict v = ExpectationEvaluator.Evaluate(new VipOnlyOnMasterExpectation(), h);
        Assert.That(v.Passed, Is.False);
        Assert.That(v.Evidence, Is.EqualTo("10.0.0.100 was on node1:eth0 while VI_1 there was STOP, from 40s to 100s"));
    }
}
