namespace VrrpLab.Report.Model;

/// <summary>
/// One judged expectation (or fault) drawn as a pass/fail badge; its evidence points at an instant
/// (<see cref="AtUs"/>) or an interval (<see cref="AtUs"/> to <see cref="UntilUs"/>) of the run,
/// which the report highlights.
/// </summary>
/// <param name="Name">The expectation in words, e.g. <c>takeover server2 after 60s within [0.8s, 0.81s]</c>.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Evidence">Why, with times and nodes.</param>
public sealed record ReportCheck(string Name, bool Passed, string Evidence)
{
    /// <summary>The instant the evidence is about, or the start of its interval (microseconds).</summary>
    public long? AtUs { get; init; }

    /// <summary>The end of the evidence's interval, when it is one.</summary>
    public long? UntilUs { get; init; }

    /// <summary>Where the expectation is written (<c>file:line:col</c>), if known.</summary>
    public string? Location { get; init; }
}
