namespace VrrpLab.Sim.Tests.Properties;

/// <summary>A broken invariant: what happened, and the scenario expectations that catch it in a reproducer file.</summary>
/// <param name="Message">The nodes and times involved.</param>
/// <param name="Expect">Items of <c>expect:</c> (YAML, without the leading dash) that fail on this run.</param>
public sealed record Violation(string Message, IReadOnlyList<string> Expect)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
