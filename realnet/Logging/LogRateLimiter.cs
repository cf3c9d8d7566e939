using VrrpLab.Engine.Time;

namespace VrrpLab.RealNet.Logging;

/// <summary>
/// Lets at most one line per key through per <see cref="Window"/> and counts the ones held
/// back, so a flood of bad packets cannot flood the log (or the journal). Not thread-safe: the
/// daemon uses it from its event loop only.
/// </summary>
public sealed class LogRateLimiter
{
    private readonly Dictionary<string, (Instant LastWritten, long Suppressed)> _keys = new(StringComparer.Ordinal);

    /// <summary>Creates a limiter with the given window.</summary>
    public LogRateLimiter(Duration window) => Window = window;

    /// <summary>Minimum time between two lines of the same key.</summary>
    public Duration Window { get; }

    /// <summary>
    /// Whether a line with <paramref name="key"/> may be written at <paramref name="now"/>; if so,
    /// <paramref name="suppressed"/> is how many were held back since the last one written.
    /// </summary>
    public bool TryAcquire(string key, Instant now, out long suppressed)
    {
        if (_keys.TryGetValue(key, out var entry) && now - entry.LastWritten < Window)
        {
            _keys[key] = (entry.LastWritten, entry.Suppressed + 1);
            suppressed = 0;
            return false;
        }

        suppressed = entry.Suppressed;
        _keys[key] = (now, 0);
        return true;
    }
}
