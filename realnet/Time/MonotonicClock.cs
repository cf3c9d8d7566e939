using VrrpLab.Engine.Time;

namespace VrrpLab.RealNet.Time;

/// <summary>
/// The engine's clock on a real host: microseconds of the monotonic clock
/// (<see cref="TimeProvider.GetTimestamp"/>) since the daemon started. Never the wall clock, so
/// NTP steps cannot fire or delay VRRP timers.
/// </summary>
public sealed class MonotonicClock
{
    private readonly TimeProvider _time;
    private readonly long _origin;

    /// <summary>Starts the clock at <see cref="Instant.Zero"/> now.</summary>
    public MonotonicClock(TimeProvider time)
    {
        _time = time;
        _origin = time.GetTimestamp();
    }

    /// <summary>The time provider behind the clock.</summary>
    public TimeProvider Provider => _time;

    /// <summary>The current instant.</summary>
    public Instant Now => new(ToMicroseconds(_time.GetTimestamp() - _origin, _time.TimestampFrequency));

    /// <summary>How long from now until <paramref name="deadline"/> (zero if it has passed).</summary>
    public TimeSpan Until(Instant deadline)
    {
        Duration d = deadline - Now;
        return d <= Duration.Zero ? TimeSpan.Zero : d.ToTimeSpan();
    }

    /// <summary>Converts timestamp ticks to whole microseconds without overflow.</summary>
    public static long ToMicroseconds(long ticks, long frequency) =>
        (ticks / frequency * 1_000_000) + (ticks % frequency * 1_000_000 / frequency);
}
