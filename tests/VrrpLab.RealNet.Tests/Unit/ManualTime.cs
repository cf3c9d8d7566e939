namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>A monotonic clock the test sets: one tick a microsecond, starting at 0.</summary>
internal sealed class ManualTime : TimeProvider
{
    /// <summary>The current time in microseconds.</summary>
    public long Microseconds { get; set; }

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Microseconds;
}
