namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>Bounded polling: every wait in the namespace tests has a deadline and a poll step.</summary>
public static class Eventually
{
    /// <summary>The poll step used unless a caller needs another.</summary>
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; returns when it first held (on <see cref="MonotonicClock"/>),
    /// or null when <paramref name="timeout"/> ran out.
    /// </summary>
    public static TimeSpan? TryUntil(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        TimeSpan deadline = MonotonicClock.Now + timeout;
        while (true)
        {
            if (condition())
            {
                return MonotonicClock.Now;
            }

            if (MonotonicClock.Now >= deadline)
            {
                return null;
            }

            Thread.Sleep(poll ?? DefaultPoll);
        }
    }

    /// <summary>Like <see cref="TryUntil"/> but throws a <see cref="FixtureException"/> describing <paramref name="what"/> on timeout.</summary>
    public static TimeSpan Until(Func<bool> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        TryUntil(condition, timeout) ??
        throw new FixtureException($"timed out after {timeout.TotalSeconds:0.###} s waiting for {what}{(diagnostics is null ? "" : "\n" + diagnostics())}");

    /// <summary>
    /// Checks that <paramref name="condition"/> holds at every poll for <paramref name="period"/>; returns null when it
    /// did, else a message saying when it first broke.
    /// </summary>
    public static string? Throughout(Func<bool> condition, TimeSpan period, string what, TimeSpan? poll = null)
    {
        TimeSpan start = MonotonicClock.Now;
        TimeSpan end = start + period;
        while (MonotonicClock.Now < end)
        {
            if (!condition())
            {
                return $"{what} stopped holding after {(MonotonicClock.Now - start).TotalSeconds:0.###} s of {period.TotalSeconds:0.###} s";
            }

            Thread.Sleep(poll ?? TimeSpan.FromMilliseconds(50));
        }

        return null;
    }
}
