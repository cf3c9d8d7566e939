namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>
/// The public effective-priority rule (keepalived vrrp_track.c) and the engine agree: the engine
/// computes its priority with the same function the linter and the fault catalogue use.
/// </summary>
public sealed class EffectivePriorityRuleTests
{
    private static VrrpInstanceConfig Tracking(byte priority, int? trackWeight, int ifWeight) =>
        RouterHarness.Config(priority: priority) with
        {
            TrackScripts = [new ScriptTrack("chk", trackWeight)],
            TrackInterfaces = [new InterfaceTrack("eth1", ifWeight)],
        };

    private static TrackedScript Script(int weight) =>
        new("chk", "/bin/true", Duration.FromSeconds(1), Duration.FromSeconds(1), weight, 1, 1, false);

    [TestCase(20, TrackerStatus.Ok, 20)]
    [TestCase(20, TrackerStatus.Failed, 0)]
    [TestCase(-30, TrackerStatus.Failed, -30)]
    [TestCase(-30, TrackerStatus.Ok, 0)]
    [TestCase(20, TrackerStatus.Unknown, 0)]
    [TestCase(-30, TrackerStatus.Unknown, 0)]
    [TestCase(0, TrackerStatus.Failed, 0)]
    public void A_weight_counts_only_in_the_state_keepalived_applies_it(int weight, TrackerStatus status, int expected) =>
        Assert.That(EffectivePriorityRule.Contribution(weight, status), Is.EqualTo(expected));

    [TestCase(100, 200, 254)]
    [TestCase(100, -150, 1)]
    [TestCase(255, -100, 255)]
    [TestCase(100, 0, 100)]
    public void The_result_is_clamped_to_1_254_and_an_owner_ignores_weights(int configured, int total, int expected) =>
        Assert.That(EffectivePriorityRule.Clamp((byte)configured, total), Is.EqualTo(expected));

    [Test]
    public void A_track_script_weight_overrides_the_scripts_own()
    {
        var inst = Tracking(100, trackWeight: -60, ifWeight: 0);
        Assert.That(EffectivePriorityRule.Of(inst, [Script(-30)], TrackingSnapshot.Healthy.WithScriptFailed("chk")), Is.EqualTo(40));
        Assert.That(EffectivePriorityRule.Of(inst with { TrackScripts = [new ScriptTrack("chk")] }, [Script(-30)], TrackingSnapshot.Healthy.WithScriptFailed("chk")), Is.EqualTo(70));
    }

    [Test]
    public void The_range_spans_every_weight_failing_to_every_weight_counting()
    {
        var inst = Tracking(100, trackWeight: 20, ifWeight: -50);
        Assert.That(EffectivePriorityRule.Range(inst, [Script(0)]), Is.EqualTo(((byte)50, (byte)120)));
    }

    /// <summary>The engine's priority after any script result and carrier equals the rule's on the same state.</summary>
    [FsProperty(MaxTest = 300)]
    public Property The_engine_priority_is_the_public_rule() =>
        Prop.ForAll(
            (from prio in Gen.Choose(1, 255)
             from sw in Gen.Choose(-253, 253)
             from tw in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(-253, 253).Select(w => (int?)w))
             from iw in Gen.Choose(-253, 253)
             from steps in Gen.ListOf(Gen.Elements(0, 1, 2, 3)).Select(l => l.Take(12).ToArray())
             select (prio, sw, tw, iw, steps)).ToArbitrary(),
            x =>
            {
                var (prio, sw, tw, iw, steps) = x;
                var inst = Tracking((byte)prio, tw, iw);
                var h = new RouterHarness(new RouterConfig { Instances = [inst], Scripts = [Script(sw)] }).Start();
                TrackerStatus script = TrackerStatus.Unknown;
                bool up = true;
                long t = 0;
                foreach (int step in steps)
                {
                    t += 1_000_000;
                    switch (step)
                    {
                        case 0: h.Script(T.Us(t), "chk", ok: true); script = TrackerStatus.Ok; break;
                        case 1: h.Script(T.Us(t), "chk", ok: false); script = TrackerStatus.Failed; break;
                        case 2: h.Link(T.Us(t), "eth1", up: false); up = false; break;
                        default: h.Link(T.Us(t), "eth1", up: true); up = true; break;
                    }
                }

                byte expected = EffectivePriorityRule.Of(inst, [Script(sw)], new Fixed(script, up));
                return (h.Instance.EffectivePriority == expected).Label($"engine {h.Instance.EffectivePriority}, rule {expected}");
            });

    private readonly record struct Fixed(TrackerStatus ScriptStatus, bool Up) : ITrackingState
    {
        public TrackerStatus Script(string name) => ScriptStatus;

        public bool InterfaceUp(string name) => Up;
    }
}
