using System.Collections.Immutable;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Report.Model;

/// <summary>
/// One run to draw: its trace (the JSONL schema of spec/scenario-format.md, from the simulator or
/// observed on real daemons), where it ends, and what was checked against it.
/// </summary>
/// <param name="Label">Which run, e.g. <c>simulated</c> or <c>real: keepalived 2.2.7</c>.</param>
/// <param name="EndUs">End of the run in microseconds from the scenario's time 0 (states still open are drawn to here).</param>
/// <param name="Events">The trace events in time order. Drawn: <c>state</c>, <c>advert_tx</c>,
/// <c>advert_drop</c>, <c>packet_lost</c>, <c>vip_add</c>/<c>vip_del</c>, <c>reach</c>,
/// <c>action</c>, <c>process</c> (pauses), <c>host</c>, <c>link</c>; the rest is ignored.</param>
public sealed record ReportRun(string Label, long EndUs, IReadOnlyList<TraceEvent> Events)
{
    /// <summary>The expectations (or faults) judged on this run, with their evidence.</summary>
    public ImmutableArray<ReportCheck> Checks { get; init; } = [];
}
