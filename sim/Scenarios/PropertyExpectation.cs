namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// <c>property: NAME</c>: one of the cluster properties that <c>vrrplab explore</c> searches for
/// counterexamples (see <see cref="Checks.Properties.ClusterProperty"/>), checked on a single run.
/// An addition to spec/scenario-format.md: explore writes each shrunk failure as a scenario with
/// the violated property as its expectation, so <c>vrrplab run</c> replays the same verdict.
/// </summary>
/// <param name="Property">The property's name, e.g. <c>nopreempt_respected</c>.</param>
public sealed record PropertyExpectation(string Property) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() => "property " + Property;
}
