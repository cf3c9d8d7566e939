using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Scenarios;

/// <summary>One <c>{ at: T, ACTION: ARGUMENT }</c> of the timeline.</summary>
/// <param name="At">When it is applied (simulated time from the start of the run).</param>
/// <param name="Action">What happens.</param>
public sealed record TimelineEntry(Duration At, TimelineAction Action)
{
    /// <summary>Where the entry is in the scenario file, if loaded from one.</summary>
    public SourceLocation? Location { get; init; }
}
