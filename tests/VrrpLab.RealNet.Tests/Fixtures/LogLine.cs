namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>One line a peer process wrote, stamped on arrival with <see cref="MonotonicClock"/>.</summary>
/// <param name="At">When the fixture read it.</param>
/// <param name="Text">The line.</param>
public sealed record LogLine(TimeSpan At, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => $"[{At.TotalSeconds,9:0.000}] {Text}";
}
