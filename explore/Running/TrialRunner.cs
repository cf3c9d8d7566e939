using System.Collections.Immutable;
using VrrpLab.Engine.Time;
using VrrpLab.Explore.Faults;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Checks.Properties;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Explore.Running;

/// <summary>
/// Turns a schedule into the scenario that runs it (the cluster, the schedule's timeline, the
/// properties as <c>property:</c> expectations) and runs it in the simulator: the same scenario that
/// a counterexample file holds, so <c>vrrplab run</c> on that file replays it byte for byte.
/// Thread-safe: every call builds its own simulator.
/// </summary>
public sealed class TrialRunner
{
    private static readonly SimulationOptions Quiet = new() { Recording = RecordingLevel.None };
    private readonly ExploreCluster _cluster;
    private readonly ImmutableArray<Expectation> _expectations;
    private readonly PropertyExpectation[] _properties;

    /// <summary>A runner for <paramref name="cluster"/> checking <paramref name="properties"/>.</summary>
    public TrialRunner(ExploreCluster cluster, IEnumerable<ClusterProperty> properties, long durationUs)
    {
        _cluster = cluster;
        _properties = [.. properties.Select(p => new PropertyExpectation(p.Name))];
        _expectations = [.. _properties];
        DurationUs = durationUs;
    }

    /// <summary>Run length.</summary>
    public long DurationUs { get; }

    /// <summary>The properties, as expectations.</summary>
    public IReadOnlyList<PropertyExpectation> Properties => _properties;

    /// <summary>The scenario of a schedule (name, seed, duration, timeline, expectations).</summary>
    public Scenario ScenarioOf(Schedule schedule, string name = "explore-run", long? durationUs = null, IEnumerable<Expectation>? expect = null) =>
        _cluster.Base with
        {
            Name = name,
            Seed = schedule.SimSeed,
            Duration = Duration.FromMicroseconds(durationUs ?? DurationUs),
            Autostart = schedule.Autostart,
            Timeline = schedule.Timeline(_cluster.NodeNames),
            Expectations = expect is null ? _expectations : [.. expect],
        };

    /// <summary>Runs <paramref name="schedule"/> without a trace and checks every property.</summary>
    public Trial Run(Schedule schedule, long? durationUs = null)
    {
        Scenario scenario = ScenarioOf(schedule, durationUs: durationUs);
        SimulationResult result = new Simulator(scenario, Quiet).Run();
        Verdict[] verdicts = PropertyChecks.EvaluateAll(_properties, scenario, result.History);
        return new Trial(result, verdicts);
    }

    /// <summary>Runs <paramref name="schedule"/> and checks one property.</summary>
    public Verdict Check(Schedule schedule, int property, long? durationUs = null)
    {
        Scenario scenario = ScenarioOf(schedule, durationUs: durationUs, expect: [_properties[property]]);
        SimulationResult result = new Simulator(scenario, Quiet).Run();
        return PropertyChecks.Evaluate(_properties[property], scenario, result.History);
    }
}
