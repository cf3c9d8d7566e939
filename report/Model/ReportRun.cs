using System.Collections.Immutable;
using VrrpLab.Sim.Events;

namespace VrrpLab.Report.Model;

/// <summary>
/// One run to draw: its typed event log (<see cref="RunEvent"/>: what the simulator records, and what
/// the lab records from real daemons; the same events as the JSONL trace of spec/scenario-format.md),
/// where it ends, and what was checked against it.
/// </summary>
/// <param name="Label">Which run, e.g. <c>simulated</c> or <c>real: keepalived 2.2.7</c>.</param>
/// <param name="EndUs">End of the run in microseconds from the scenario's time 0 (states still open are drawn to here).</param>
/// <param name="Log">The events in time order. Drawn: states, adverts sent, adverts dropped and packets
/// lost, VIPs added and removed, the clients' reachability, actions, pauses, hosts and links; the rest
/// is ignored.</param>
public sealed record ReportRun(string Label, long EndUs, IReadOnlyList<RunEvent> Log)
{
    /// <summary>The expectations (or faults) judged on this run, with their evidence.</summary>
    public ImmutableArray<ReportCheck> Checks { get; init; } = [];
}
