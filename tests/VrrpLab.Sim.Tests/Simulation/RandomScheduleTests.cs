namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>Any schedule of faults runs, yields a time-ordered trace, and replays to the same bytes.</summary>
public class RandomScheduleTests
{
    private static readonly Gen<TimelineAction> Actions = Gen.OneOf(
        Gen.Elements("node1", "node2").Select(n => (TimelineAction)new StartAction([n])),
        Gen.Elements("node1", "node2").Select(n => (TimelineAction)new StopAction([n])),
        Gen.Elements("node1", "node2").Select(n => (TimelineAction)new KillAction([n])),
        Gen.Elements("node1", "node2").Select(n => (TimelineAction)new CrashAction([n])),
        from n in Gen.Elements("node1", "node2") from up in Gen.Elements(true, false) select (TimelineAction)new LinkAction(n, "eth0", up),
        from n in Gen.Elements("node1", "node2") from ms in Gen.Choose(1, 8000) select (TimelineAction)new PauseAction(n, Duration.FromMilliseconds(ms)),
        from n in Gen.Elements("node1", "node2") from r in Gen.Choose(50, 200) select (TimelineAction)new DriftAction(n, new ClockRate(r, 100)),
        Gen.Constant((TimelineAction)new PartitionAction([Names("node1"), Names("node2")])),
        Gen.Constant((TimelineAction)new HealAction()),
        Gen.Choose(0, 100).Select(p => (TimelineAction)new LossAction("lan", new Rate(p * 10_000))),
        from ms in Gen.Choose(0, 50) from j in Gen.Choose(0, 5) select (TimelineAction)new LatencyAction("lan", Duration.FromMilliseconds(ms), Duration.FromMilliseconds(j)));

    private static readonly Gen<TimelineEntry[]> Schedules =
        Gen.ArrayOf(from t in Gen.Choose(0, 60_000) from a in Actions select new TimelineEntry(Duration.FromMilliseconds(t), a))
            .Select(es => es.OrderBy(e => e.At.Microseconds).ToArray());

    [FsProperty(MaxTest = 60)]
    public Property Any_fault_schedule_gives_an_ordered_trace_that_replays_byte_for_byte()
    {
        return Prop.ForAll(Schedules.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (schedule, seed) =>
        {
            Scenario s = TwoNodes(S(70), schedule, SegmentSpec.DefaultLan with { Jitter = Duration.FromMilliseconds(1) }, seed: (ulong)seed);
            SimulationResult a = new Simulator(s).Run();
            SimulationResult b = new Simulator(s).Run();
            bool ordered = a.Trace.Zip(a.Trace.Skip(1)).All(p => p.First.TimeUs <= p.Second.TimeUs);
            bool same = TraceJsonl.ToText(a.Trace) == TraceJsonl.ToText(b.Trace);
            bool statesOrdered = a.History.States.Zip(a.History.States.Skip(1)).All(p => p.First.TimeUs <= p.Second.TimeUs);
            return (ordered && same && statesOrdered).Label($"ordered={ordered} same={same} states={statesOrdered}");
        });
    }
}
