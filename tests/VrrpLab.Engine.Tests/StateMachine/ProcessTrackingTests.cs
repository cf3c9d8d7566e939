namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>track_process with keepalived 2.2.7's arithmetic (vrrp_track.c initialise_process_tracking_priorities, process_update_track_process_status).</summary>
public sealed class ProcessTrackingTests
{
    private static RouterHarness With(int weight = 0, bool reverse = false, int? lineWeight = null, bool? lineReverse = null, uint quorum = 1, uint quorumMax = uint.MaxValue)
    {
        var process = new TrackedProcess("web", "nginx", Quorum: quorum, QuorumMax: quorumMax, Weight: weight, Reverse: reverse);
        var instance = RouterHarness.Config(priority: 100) with { TrackProcesses = [new ProcessTrack("web", lineWeight, lineReverse)] };
        return new RouterHarness(new RouterConfig { Instances = [instance], Processes = [process] });
    }

    [TestCase(true, 10, false, 10)]
    [TestCase(false, 10, false, 0)]
    [TestCase(true, -10, false, 0)]
    [TestCase(false, -10, false, -10)]
    [TestCase(true, 10, true, -10)]
    [TestCase(false, -10, true, 10)]
    [TestCase(true, 0, false, 0)]
    [TestCase(false, 0, true, 0)]
    public void A_positive_weight_counts_with_the_quorum_a_negative_one_without(bool quorum, int weight, bool reverse, int expected) =>
        Assert.That(EffectivePriorityRule.ProcessContribution(quorum, weight, reverse), Is.EqualTo(expected));

    [TestCase(false, false)]
    [TestCase(true, true)]
    public void Weight_0_is_fault_without_the_quorum_or_with_it_reversed(bool quorum, bool reverse) =>
        Assert.That(EffectivePriorityRule.ProcessContribution(quorum, 0, reverse), Is.Null);

    [TestCase(0L, 1u, uint.MaxValue, false)]
    [TestCase(1L, 1u, uint.MaxValue, true)]
    [TestCase(3L, 2u, 3u, true)]
    [TestCase(4L, 2u, 3u, false)]
    [TestCase(0L, 0u, 0u, true)]
    public void The_quorum_is_a_count_within_quorum_and_quorum_max(long count, uint quorum, uint quorumMax, bool expected) =>
        Assert.That(new TrackedProcess("p", "x", Quorum: quorum, QuorumMax: quorumMax).HasQuorum(count), Is.EqualTo(expected));

    [Test]
    public void Without_a_scan_weight_0_starts_in_fault_as_with_no_process_running()
    {
        var h = With(weight: 0).Start();
        h.RunUntilSeconds(5);
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
    }

    [Test]
    public void Weight_0_losing_the_quorum_puts_a_master_in_fault_with_priority_0_and_gaining_it_brings_it_back()
    {
        var h = With(weight: 0);
        h.Router.TrackedProcessChanged(T.S(0), "web", true);
        h.Start();
        h.RunUntilSeconds(5);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        IReadOnlyList<Effect> effects = h.Router.TrackedProcessChanged(T.S(5), "web", false);
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
        Assert.That(effects.OfType<SendAdvertisement>().Select(s => s.Advert.Priority), Is.Not.Empty.And.All.EqualTo((byte)0));
        h.Router.TrackedProcessChanged(T.S(6), "web", true);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
    }

    [Test]
    public void A_negative_weight_lowers_the_priority_on_the_wire_while_the_quorum_is_lost()
    {
        var h = With(weight: -30);
        h.Router.TrackedProcessChanged(T.S(0), "web", true);
        h.Start();
        h.RunUntilSeconds(5);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(100));
        h.Router.TrackedProcessChanged(T.S(5), "web", false);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(70));
        h.RunUntilSeconds(6.1);
        Assert.That(h.All<SendAdvertisement>().Last().Advert.Priority, Is.EqualTo(70));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
    }

    [Test]
    public void The_line_weight_and_reverse_override_the_blocks()
    {
        var h = With(weight: 5, lineWeight: 20, lineReverse: true);
        h.Router.TrackedProcessChanged(T.S(0), "web", true);
        h.Start();
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(80));
    }

    [Test]
    public void The_quorum_state_survives_a_reload()
    {
        var h = With(weight: 10);
        h.Router.TrackedProcessChanged(T.S(0), "web", true);
        h.Start();
        h.Reload(T.S(2), h.Router.Config);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(110));
    }
}
