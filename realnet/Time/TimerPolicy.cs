using VrrpLab.Engine.Time;

namespace VrrpLab.RealNet.Time;

/// <summary>
/// When and at which instant the daemon fires the engine's timers. A timer is fired at its own
/// deadline, not at the (slightly later) moment the thread woke up: the engine schedules the next
/// advert from the instant it is given, so adverts keep an exact period with no drift. A timer
/// found very late (the host stalled, like keepalived's "A thread timer expired") is fired at
/// "now" instead, so a backlog of adverts is not replayed in a burst.
/// </summary>
public static class TimerPolicy
{
    /// <summary>A deadline this close in the future counts as due (the OS timer resolution).</summary>
    public static readonly Duration EarlyTolerance = Duration.FromMilliseconds(1);

    /// <summary>A timer later than this is fired at "now" and reported as late.</summary>
    public static readonly Duration LateThreshold = Duration.FromMilliseconds(100);

    /// <summary>
    /// The instant to pass to <c>AdvanceTo</c> for <paramref name="deadline"/>, or null if it is
    /// not due yet at <paramref name="now"/>. Never earlier than <paramref name="last"/>, the
    /// instant of the previous engine call, so the engine sees a monotonic clock.
    /// </summary>
    public static Instant? FiringInstant(Instant deadline, Instant now, Instant last, out bool late) =>
        FiringInstant(deadline, now, last, EarlyTolerance, out late);

    /// <summary>
    /// The instant to fire <paramref name="deadline"/> at before an input posted at <paramref name="postedAt"/> is
    /// handled, or null if it fell due after the input arrived (the input goes first). No early tolerance: a timer
    /// due even a microsecond after an advert arrived must see that advert first.
    /// </summary>
    public static Instant? FiringInstantBefore(Instant deadline, Instant postedAt, Instant last, out bool late) =>
        FiringInstant(deadline, postedAt, last, Duration.Zero, out late);

    private static Instant? FiringInstant(Instant deadline, Instant now, Instant last, Duration early, out bool late)
    {
        late = false;
        if (!deadline.IsSet || deadline - now > early)
        {
            return null;
        }

        Instant at = deadline;
        if (now - deadline > LateThreshold)
        {
            late = true;
            at = now;
        }

        return at < last ? last : at;
    }
}
