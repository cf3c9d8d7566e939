using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Checks;

/// <summary>The outcome of one expectation, with the evidence in words.</summary>
/// <param name="Expectation">The expectation.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Evidence">Why, with times and nodes, e.g. "node2 became MASTER at 30.805s, expected within [30s, 31.5s]".</param>
public sealed record Verdict(Expectation Expectation, bool Passed, string Evidence)
{
    /// <summary>The simulated time the verdict is about (microseconds), for the failure timeline.</summary>
    public long? FocusUs { get; init; }

    /// <summary>
    /// When the evidence is an interval (an outage, two MASTERs, a window in which a node was never
    /// MASTER), its end in microseconds; <see cref="FocusUs"/> is its start. Null for an instant.
    /// </summary>
    public long? FocusEndUs { get; init; }

    /// <summary>The expectation in words.</summary>
    public string Description => Expectation.Describe();
}
