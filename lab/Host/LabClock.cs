using System.Diagnostics;
using System.Globalization;

namespace VrrpLab.Lab.Host;

/// <summary>
/// The lab's one time base: a monotonic clock in microseconds (<see cref="NowUs"/>), and the wall-clock
/// instant that matched it when the run began, so the kernel's and the tools' wall-clock stamps
/// (ping -D, tcpdump -tt, ip -ts monitor) land on the same axis.
/// </summary>
public sealed class LabClock
{
    private readonly long _monoAtAnchor;
    private readonly long _wallUsAtAnchor;

    /// <summary>Anchors the clock now.</summary>
    public LabClock()
    {
        // Read the wall clock between two monotonic reads and take the middle: the pair is good to a few µs.
        long a = Stopwatch.GetTimestamp();
        long wall = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        long b = Stopwatch.GetTimestamp();
        _monoAtAnchor = ToUs((a + b) / 2);
        _wallUsAtAnchor = wall;
    }

    /// <summary>Monotonic microseconds (an arbitrary origin).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Read through the clock that anchors the wall-clock conversions, so callers hold one clock.")]
    public long NowUs => ToUs(Stopwatch.GetTimestamp());

    /// <summary>The monotonic microseconds of a wall-clock instant given as Unix microseconds.</summary>
    public long FromUnixUs(long unixUs) => _monoAtAnchor + (unixUs - _wallUsAtAnchor);

    /// <summary>Parses <c>1796447355.085112</c> (seconds.micro) to Unix microseconds; false if it is not one.</summary>
    public static bool TryParseUnix(ReadOnlySpan<char> text, out long unixUs)
    {
        unixUs = 0;
        int dot = text.IndexOf('.');
        if (dot <= 0 || !long.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out long s))
        {
            return false;
        }

        ReadOnlySpan<char> frac = text[(dot + 1)..];
        if (frac.Length == 0 || frac.Length > 9 || !long.TryParse(frac, NumberStyles.None, CultureInfo.InvariantCulture, out long f))
        {
            return false;
        }

        for (int i = frac.Length; i < 6; i++)
        {
            f *= 10;
        }

        for (int i = frac.Length; i > 6; i--)
        {
            f /= 10;
        }

        unixUs = (s * 1_000_000) + f;
        return true;
    }

    /// <summary>Parses ip's <c>-ts</c> stamp <c>2026-12-05T05:09:15.085316</c> (local time) to Unix microseconds.</summary>
    public static bool TryParseIsoLocal(ReadOnlySpan<char> text, out long unixUs)
    {
        unixUs = 0;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTime local))
        {
            return false;
        }

        unixUs = (new DateTimeOffset(local).ToUniversalTime() - DateTimeOffset.UnixEpoch).Ticks / 10;
        return true;
    }

    private static long ToUs(long ticks) => (long)(ticks * (1_000_000.0 / Stopwatch.Frequency));
}
