namespace VrrpLab.Explore.Running;

/// <summary>How one property fared over the runs of a result.</summary>
/// <param name="Property">The property's name.</param>
/// <param name="FailedRuns">Runs in which it failed.</param>
/// <param name="Counterexample">The shrunk first failure (null if it never failed).</param>
public sealed record PropertyOutcome(string Property, long FailedRuns, Counterexample? Counterexample)
{
    /// <summary>Whether it held in every run.</summary>
    public bool Held => FailedRuns == 0;
}
