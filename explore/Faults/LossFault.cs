using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>A segment loses each packet with probability <see cref="Rate"/> from the start; back to its own loss at the end.</summary>
public sealed record LossFault(long AtUs, long ForUs, string Segment, Rate Rate, Rate Restore) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Loss;

    /// <inheritdoc/>
    public override string Resource => "loss:" + Segment;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new LossAction(Segment, Rate);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => new LossAction(Segment, Restore);

    /// <summary>A total loss is the simpler thing to reason about than a partial one.</summary>
    public override IEnumerable<Fault> Simpler()
    {
        if (Rate != Rate.Always)
        {
            yield return this with { Rate = Rate.Always };
        }
    }
}
