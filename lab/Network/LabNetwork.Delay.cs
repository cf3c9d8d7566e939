using System.Globalization;
using VrrpLab.Engine.Time;
using VrrpLab.Lab.Running;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Network;

/// <summary>
/// Latency and jitter: a <see cref="DelayRelay"/> in the namespace of each segment that needs one
/// (<see cref="Runnability.DelayedSegments"/>), fed by the segment's bridge filter.
/// </summary>
public sealed partial class LabNetwork
{
    private readonly Dictionary<string, DelayRelay> _relays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _jitterUs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DelayRelayStats> _relayStats = new(StringComparer.Ordinal);

    /// <summary>What each segment's relay did; filled when the network is disposed.</summary>
    public IReadOnlyDictionary<string, DelayRelayStats> RelayStats => _relayStats;

    /// <summary>Starts the relays of the segments that need one, then routes their packets through them.</summary>
    private void StartRelays()
    {
        foreach (string name in Runnability.DelayedSegments(_scenario))
        {
            SegmentSpec spec = _scenario.Segments.First(s => s.Name == name);
            _relays[name] = DelayRelay.Start(_segments[name].Namespace, name, _scenario.Seed, spec.Latency.Microseconds, spec.Jitter.Microseconds);
            _jitterUs[name] = spec.Jitter.Microseconds;
            ApplyFilters([name]);
        }
    }

    /// <summary>The delay of <paramref name="segment"/> from now on (its jitter kept when <paramref name="jitter"/> is null).</summary>
    public void SetLatency(string segment, Duration value, Duration? jitter)
    {
        if (!_relays.TryGetValue(segment, out DelayRelay? relay))
        {
            throw new LabException($"segment {segment} has no delay relay");
        }

        long j = jitter?.Microseconds ?? _jitterUs[segment];
        _jitterUs[segment] = j;
        relay.Set(value.Microseconds, j);
    }

    private bool Delayed(string segment) => _relays.ContainsKey(segment);

    private void StopRelays()
    {
        foreach ((string name, DelayRelay relay) in _relays)
        {
            relay.Dispose();
            _relayStats[name] = relay.Stats();
        }

        _relays.Clear();
    }

    /// <summary>One line per relay: frames, added-delay error (median, max), CPU per frame.</summary>
    public IEnumerable<string> RelayNotes() => _relayStats.Select(kv => Describe(kv.Key, kv.Value));

    /// <summary>A relay's statistics in one line.</summary>
    public static string Describe(string segment, DelayRelayStats s)
    {
        var inv = CultureInfo.InvariantCulture;
        long[] late = [.. s.LatenessUs.Order()];
        string lateness = late.Length == 0 ? "no frames" :
            string.Create(inv, $"sent late by median {late[late.Length / 2] / 1000.0:0.000} ms, p99 {late[Math.Min(late.Length - 1, late.Length * 99 / 100)] / 1000.0:0.000} ms, max {late[^1] / 1000.0:0.000} ms");
        string cpu = s.CpuUs >= 0 && s.Relayed > 0 ? string.Create(inv, $", {s.CpuUs / (double)s.Relayed:0.0} us CPU per frame") : "";
        string errors = s.Errors > 0 || s.Overflow > 0 ? $", {s.Errors} error(s), {s.Overflow} dropped (queue full){(s.LastError is { } e ? ": " + e : "")}" : "";
        return $"segment {segment}: delay relay (nfnetlink_log + packet socket) relayed {s.Relayed} frame(s), {lateness}{cpu}{errors}";
    }
}
