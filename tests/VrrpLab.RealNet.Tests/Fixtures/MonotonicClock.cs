namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>The one time base of the fixtures: a monotonic clock, so waits and measurements never jump.</summary>
public static class MonotonicClock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    /// <summary>Time since the fixtures were first used.</summary>
    public static TimeSpan Now => Stopwatch.GetElapsedTime(Origin);
}
