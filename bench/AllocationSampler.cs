using System.Diagnostics.Tracing;

namespace VrrpLab.Bench;

/// <summary>
/// Samples the runtime's GC AllocationTick events (one per ~100 KB allocated, naming the type that
/// crossed the threshold) and tallies them by type: a cheap allocation profile without a tracer.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        int ti = e.PayloadNames!.IndexOf("TypeName");
        int ai = e.PayloadNames.IndexOf("AllocationAmount64");
        string type = ti >= 0 ? e.Payload[ti]?.ToString() ?? "?" : "?";
        long amount = ai >= 0 ? Convert.ToInt64(e.Payload[ai], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_gate)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }

    /// <summary>The top types by sampled bytes.</summary>
    public IEnumerable<(string Type, long Bytes)> Top(int n)
    {
        lock (_gate)
        {
            return [.. _bytes.OrderByDescending(kv => kv.Value).Take(n).Select(kv => (kv.Key, kv.Value))];
        }
    }
}
