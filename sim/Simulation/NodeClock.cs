using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// A node's local clock: it reads global (simulated) time scaled by a <see cref="ClockRate"/>
/// since the last rate change. Conversions are exact integer arithmetic: local = anchorLocal +
/// floor((global - anchorGlobal) x num / den); the global instant of a local deadline is the
/// first global microsecond at which the local clock has reached it.
/// </summary>
public sealed class NodeClock
{
    private long _anchorGlobal;
    private long _anchorLocal;

    /// <summary>The current rate.</summary>
    public ClockRate Rate { get; private set; } = ClockRate.RealTime;

    // Rate is 1: both conversions are one addition (the common case: no drift fault), read on every event.
    private bool _unit = true;

    /// <summary>The local instant at global time <paramref name="globalUs"/> (not before the last rate change).</summary>
    public Instant LocalAt(long globalUs)
    {
        if (_unit)
        {
            return new Instant(_anchorLocal + (globalUs - _anchorGlobal));
        }

        Int128 elapsed = (Int128)(globalUs - _anchorGlobal) * Rate.Numerator / Rate.Denominator;
        return new Instant(_anchorLocal + (long)elapsed);
    }

    /// <summary>
    /// The earliest global microsecond at which the local clock shows <paramref name="local"/> or later
    /// (never earlier than the last rate change); <see cref="long.MaxValue"/> for <see cref="Instant.Never"/>.
    /// </summary>
    public long GlobalFor(Instant local)
    {
        if (!local.IsSet)
        {
            return long.MaxValue;
        }

        long ahead = local.Microseconds - _anchorLocal;
        if (ahead <= 0)
        {
            return _anchorGlobal;
        }

        if (_unit)
        {
            return _anchorGlobal + ahead;
        }

        // smallest g with floor(g * num / den) >= ahead  <=>  g = ceil(ahead * den / num)
        Int128 num = (Int128)ahead * Rate.Denominator;
        Int128 g = (num + Rate.Numerator - 1) / Rate.Numerator;
        Int128 total = _anchorGlobal + g;
        return total > long.MaxValue ? long.MaxValue : (long)total;
    }

    /// <summary>From global time <paramref name="globalUs"/> on, the clock runs at <paramref name="rate"/>.</summary>
    public void SetRate(long globalUs, ClockRate rate)
    {
        _anchorLocal = LocalAt(globalUs).Microseconds;
        _anchorGlobal = globalUs;
        Rate = rate;
        _unit = rate.Numerator == rate.Denominator;
    }
}
