namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>track_file with keepalived 2.2.7's arithmetic (vrrp_track.c update_track_file_status; keepalived.conf(5) "Track files").</summary>
public sealed class FileTrackingTests
{
    private static RouterHarness With(int fileWeight = 1, bool fileReverse = false, int? lineWeight = null, bool? lineReverse = null, byte priority = 100)
    {
        var file = new TrackedFile("tf", "/run/vip.weight", fileWeight, fileReverse);
        var instance = RouterHarness.Config(priority: priority) with { TrackFiles = [new FileTrack("tf", lineWeight, lineReverse)] };
        return new RouterHarness(new RouterConfig { Instances = [instance], Files = [file] });
    }

    [TestCase(0L, 1, false, 0)]
    [TestCase(20L, 1, false, 20)]
    [TestCase(-30L, 1, false, -30)]
    [TestCase(10L, 3, false, 30)]
    [TestCase(10L, 3, true, -30)]
    [TestCase(300L, 1, false, 253)]
    [TestCase(-253L, 1, false, -253)]
    public void A_value_times_the_weight_is_added_and_capped_at_253(long value, int weight, bool reverse, int expected) =>
        Assert.That(EffectivePriorityRule.FileContribution(value, weight, reverse), Is.EqualTo(expected));

    [TestCase(-254L, 1, false)]
    [TestCase(100L, -3, false)]
    [TestCase(1L, 0, false)]
    [TestCase(0L, 0, true)]
    public void Below_minus_253_or_a_weight_0_failure_is_fault(long value, int weight, bool reverse) =>
        Assert.That(EffectivePriorityRule.FileContribution(value, weight, reverse), Is.Null);

    [Test]
    public void The_files_value_moves_the_effective_priority_and_adverts_carry_it()
    {
        var h = With(fileWeight: 2).Start();
        h.RunUntilSeconds(5);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        h.Router.TrackedFileChanged(T.S(5), "tf", -20);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(60));
        h.RunUntilSeconds(6.1);
        Assert.That(h.All<SendAdvertisement>().Last().Advert.Priority, Is.EqualTo(60));
    }

    [Test]
    public void The_line_weight_and_reverse_override_the_blocks()
    {
        var h = With(fileWeight: 5, lineWeight: 2, lineReverse: true);
        h.Router.TrackedFileChanged(T.S(0), "tf", 10);
        h.Start();
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(80), "the value read before start counts at start");
    }

    [Test]
    public void Weight_0_puts_a_master_in_fault_while_the_value_is_not_zero_and_back_to_backup_at_zero()
    {
        var h = With(fileWeight: 0).Start();
        h.RunUntilSeconds(5);
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        IReadOnlyList<Effect> effects = h.Router.TrackedFileChanged(T.S(5), "tf", 1);
        Assert.That(h.State, Is.EqualTo(VrrpState.Fault));
        Assert.That(effects.OfType<SendAdvertisement>().Select(s => s.Advert.Priority), Is.Not.Empty.And.All.EqualTo((byte)0));
        h.Router.TrackedFileChanged(T.S(6), "tf", 0);
        Assert.That(h.State, Is.EqualTo(VrrpState.Backup));
    }

    [Test]
    public void A_file_value_survives_a_reload()
    {
        var h = With(fileWeight: 1).Start();
        h.Router.TrackedFileChanged(T.S(1), "tf", 15);
        h.Reload(T.S(2), h.Router.Config);
        Assert.That(h.Instance.EffectivePriority, Is.EqualTo(115));
    }
}
