using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Simulation;

/// <summary>What a run produced.</summary>
/// <param name="Scenario">The scenario that ran.</param>
/// <param name="Seed">The seed in force.</param>
/// <param name="EndUs">Simulated end time (the scenario's duration), microseconds.</param>
/// <param name="Log">The typed event log, as deep as <see cref="SimulationOptions.Recording"/> asked (the history's events at every level).</param>
/// <param name="History">States, VIPs, topology and client outages: what expectations are checked against.</param>
/// <param name="EventsProcessed">Queue events handled (a speed measure).</param>
/// <param name="AdvertsSent">Advertisements put on the wire.</param>
public sealed record SimulationResult(
    Scenario Scenario,
    ulong Seed,
    long EndUs,
    IReadOnlyList<RunEvent> Log,
    SimHistory History,
    long EventsProcessed,
    long AdvertsSent)
{
    private IReadOnlyList<TraceEvent>? _trace;

    /// <summary>The log as flat JSONL trace lines (spec/scenario-format.md, "Output of a run").</summary>
    public IReadOnlyList<TraceEvent> Trace => _trace ??= [.. Log.Select(e => e.ToTrace())];

    /// <summary>
    /// Advertisements the engines discarded, by <see cref="Engine.Wire.AdvertDropReason"/> (indexed by
    /// its value), kept at every recording level: what <c>vrrplab explore</c> reports as coverage.
    /// </summary>
    public IReadOnlyList<long> AdvertDropsByReason { get; init; } = [];
}
