using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// One entry of a run's typed event log: the seam shared by both worlds. The simulator writes these
/// as it runs; the lab writes the same records from what it observed on real daemons. The history
/// (<see cref="SimHistory"/>), the expectation evaluator, the JSONL and Perfetto writers all read
/// the log, so a new expectation or view is written once for the simulator and the lab.
/// </summary>
/// <param name="TimeUs">Microseconds from the scenario's time 0 (simulated, or measured in the lab).</param>
/// <param name="Node">Where: a node name, <c>*</c> for the network, <c>client@SEGMENT</c> for a segment's client.</param>
public abstract record RunEvent(long TimeUs, string Node)
{
    /// <summary>What the event records (its JSONL <c>kind</c>).</summary>
    public abstract TraceKind Kind { get; }

    /// <summary>The event as one line of the JSONL trace (spec/scenario-format.md, "Output of a run").</summary>
    public abstract TraceEvent ToTrace();

    /// <summary>The start of <see cref="ToTrace"/>: time, node and kind.</summary>
    protected TraceEvent Line() => new(TimeUs, Node, Kind);
}
