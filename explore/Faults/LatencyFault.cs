using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>A segment's delay becomes <see cref="Latency"/> plus up to <see cref="Jitter"/> from the start; restored at the end.</summary>
public sealed record LatencyFault(long AtUs, long ForUs, string Segment, Duration Latency, Duration Jitter, Duration RestoreLatency, Duration RestoreJitter)
    : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Latency;

    /// <inheritdoc/>
    public override string Resource => "latency:" + Segment;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new LatencyAction(Segment, Latency, Jitter);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new LatencyAction(Segment, RestoreLatency, RestoreJitter);

    /// <summary>Without jitter (no reordering) first.</summary>
    public override IEnumerable<Fault> Simpler()
    {
        if (Jitter > Duration.Zero)
        {
            yield return this with { Jitter = Duration.Zero };
        }
    }
}
