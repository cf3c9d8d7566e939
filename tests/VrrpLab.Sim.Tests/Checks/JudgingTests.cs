namespace VrrpLab.Sim.Tests.Checks;

/// <summary>The lab's judging: every timing expectation gets the tolerance and its window shift, both printed.</summary>
public class JudgingTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.100");
    private static readonly Judging Lab = new() { ToleranceUs = 50_000 };

    private static InstanceInfo Inst(string node, int index) => new(node, index, "VI_1", "eth0", 51, "lan", Duration.FromSeconds(1), [Vip]);

    private static StateRecord St(long t, string node, VrrpState from, VrrpState to) => new(t, node, "VI_1", 51, from, to, "test");

    /// <summary>node1 MASTER at 3.67s; node2 MASTER at 10.86s (a takeover predicted at 10.8s).</summary>
    private static SimHistory History(long takeoverUs = 10_860_000) =>
        new(["node1", "node2"], [["eth0"], ["eth0"]], [Inst("node1", 0), Inst("node2", 1)],
        [
            St(60_000, "node1", VrrpState.Init, VrrpState.Backup),
            St(70_000, "node2", VrrpState.Init, VrrpState.Backup),
            St(3_670_000, "node1", VrrpState.Backup, VrrpState.Master),
            St(10_001_000, "node1", VrrpState.Master, VrrpState.Stop),
            St(takeoverUs, "node2", VrrpState.Backup, VrrpState.Master),
        ], [], [], [new TopologySnapshot(0, [true, true], [[true], [true]], [0, 0])], [], 30_000_000);

    private static TakeoverExpectation Takeover => new("node2", Duration.FromSeconds(10), Duration.FromMilliseconds(800), Duration.FromMilliseconds(810));

    [TestCase(10_860_000, true)]
    [TestCase(10_860_001, false)]
    [TestCase(10_750_000, true)]
    [TestCase(10_749_999, false)]
    public void A_takeover_passes_within_the_tolerance_of_its_window_and_says_so(long at, bool passes)
    {
        Verdict v = ExpectationEvaluator.Evaluate(Takeover, History(at), Lab);
        Assert.That(v.Passed, Is.EqualTo(passes), v.Evidence);
        Assert.That(v.Evidence, Does.EndWith("expected within [10.8s, 10.81s]; tolerance ±50ms"));
        Assert.That(ExpectationEvaluator.Evaluate(Takeover, History(at)).Passed, Is.EqualTo(at is >= 10_800_000 and <= 10_810_000), "exact judging has no tolerance");
    }

    [Test]
    public void A_shift_moves_the_window_and_its_reason_is_printed()
    {
        var shifted = Lab with { Shifts = _ => new WindowShift(61_200, "node2's start-up") };
        Verdict v = ExpectationEvaluator.Evaluate(Takeover, History(10_920_000), shifted);
        Assert.That(v.Passed, Is.True, v.Evidence);
        Assert.That(v.Evidence, Is.EqualTo("node2 became MASTER at 10.92s (0.8588s after 10.0612s), expected within [10.8612s, 10.8712s]; tolerance ±50ms, window shifted +61.2ms (node2's start-up)"));
    }

    [Test]
    public void A_point_check_holds_if_it_holds_somewhere_within_the_tolerance()
    {
        var e = new MasterAtExpectation(Duration.FromMicroseconds(10_830_000), "node2");
        Verdict v = ExpectationEvaluator.Evaluate(e, History(), Lab);
        Assert.That(v.Passed, Is.True, v.Evidence);
        Assert.That(v.Evidence, Does.Contain("it held at 10.86s, within the tolerance; tolerance ±50ms"));
        Assert.That(ExpectationEvaluator.Evaluate(e, History()).Passed, Is.False);
        Assert.That(ExpectationEvaluator.Evaluate(new MasterAtExpectation(Duration.FromMicroseconds(10_809_999), "node2"), History(), Lab).Passed, Is.False);

        var states = new StatesAtExpectation(Duration.FromMicroseconds(3_640_000), [new NodeState("node1", VrrpState.Master)]);
        Assert.That(ExpectationEvaluator.Evaluate(states, History(), Lab).Passed, Is.True);
        Assert.That(ExpectationEvaluator.Evaluate(states, History()).Passed, Is.False);
    }

    [Test]
    public void Never_and_eventually_widen_by_the_tolerance_on_the_lenient_side()
    {
        var before = new NeverMasterExpectation("node2", Duration.Zero, Duration.FromMicroseconds(10_900_000));
        Assert.That(ExpectationEvaluator.Evaluate(before, History(), Lab).Passed, Is.True, "a MASTER entry 40ms before 'before' is within the tolerance");
        Assert.That(ExpectationEvaluator.Evaluate(before, History()).Passed, Is.False);
        Assert.That(ExpectationEvaluator.Evaluate(new NeverMasterExpectation("node2", Duration.Zero, Duration.FromMicroseconds(10_910_001)), History(), Lab).Passed, Is.False);
        Assert.That(ExpectationEvaluator.Evaluate(new EventuallyMasterExpectation("node2", Duration.FromSeconds(10), Duration.FromMilliseconds(820)), History(), Lab).Passed, Is.True);
        Assert.That(ExpectationEvaluator.Evaluate(new EventuallyMasterExpectation("node2", Duration.FromSeconds(10), Duration.FromMilliseconds(800)), History(), Lab).Passed, Is.False);
    }

    [Test]
    public void Exact_judging_prints_nothing_more()
    {
        Verdict v = ExpectationEvaluator.Evaluate(Takeover, History(10_805_000), Judging.Exact);
        Assert.That(v.Evidence, Is.EqualTo("node2 became MASTER at 10.805s (0.805s after 10s), expected within [10.8s, 10.81s]"));
    }
}
