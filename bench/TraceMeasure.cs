using System.Diagnostics;
using System.Globalization;
using System.Text;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Bench;

/// <summary>
/// <c>trace-write [--segments N] [--minutes M] [--seconds S]</c>: how fast a full trace is written as
/// JSON Lines (<see cref="TraceJsonl"/>, the <c>--trace</c> output) and as Perfetto JSON, to a UTF-8
/// <see cref="StreamWriter"/> over a null stream as <c>vrrplab run --trace</c> does: events and MB per
/// second, the thread's CPU time per event (what to compare on a loaded machine) and bytes allocated
/// per event, single-threaded, after a warm-up. Then the same for events
/// whose strings all need escaping (quotes, backslashes, control characters, non-ASCII).
/// </summary>
public static class TraceMeasure
{
    /// <summary>Runs the mode (<c>trace-write</c>, <paramref name="args"/>[0]); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int segments = BenchArgs.Option(args, "--segments", 20), minutes = BenchArgs.Option(args, "--minutes", 10), seconds = BenchArgs.Option(args, "--seconds", 5);
        Scenario scenario = SimWorkloads.Fleet(segments, Duration.FromSeconds(minutes * 60L));
        IReadOnlyList<TraceEvent> trace = new Simulator(scenario, SimulationOptions.Default).Run().Trace;
        Console.WriteLine($"trace of a {segments}-segment fleet, {minutes} min simulated: {trace.Count} events");
        Measure("jsonl, fleet trace", trace, seconds, w => TraceJsonl.Write(trace, w));
        Measure("perfetto, fleet trace", trace, seconds, w => PerfettoWriter.Write(trace, [.. trace.Select(e => e.Node).Distinct().Order(StringComparer.Ordinal)], 1, w));
        TraceEvent[] escaped = [.. trace.Take(20_000).Select(e => e with { Detail = "say \"hi\"\\ \u0001\b\t\n é ✓ " + e.Detail })];
        Measure("jsonl, every detail escaped", escaped, seconds, w => TraceJsonl.Write(escaped, w));
        return 0;
    }

    private static void Measure(string what, IReadOnlyList<TraceEvent> events, int seconds, Action<TextWriter> write)
    {
        var counter = new CountingStream();
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(1))
        {
            Once(write, counter);
        }

        long passes = 0;
        counter.Bytes = 0;
        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        double cpuBefore = ThreadCpu.Microseconds();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            Once(write, counter);
            passes++;
        }

        sw.Stop();
        double cpuNsPerEvent = (ThreadCpu.Microseconds() - cpuBefore) * 1000 / (passes * events.Count);
        long alloc = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        double s = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {passes} passes in {s:0.00}s: {cpuNsPerEvent:0} ns of thread CPU per event ({1e3 / cpuNsPerEvent:0.00} M events/s of CPU; wall {passes * events.Count / s / 1e6:0.00} M events/s, {counter.Bytes / s / 1e6:0} MB/s), " +
            $"{counter.Bytes / (double)(passes * events.Count):0} bytes and {alloc / (double)(passes * events.Count):0.0} B allocated per event"));
    }

    private static void Once(Action<TextWriter> write, Stream to)
    {
        using var w = new StreamWriter(to, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
        write(w);
    }

    /// <summary>A write-only stream that counts the bytes and drops them.</summary>
    private sealed class CountingStream : Stream
    {
        public long Bytes { get; set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Bytes;

        public override long Position { get => Bytes; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Bytes += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Bytes += buffer.Length;
    }
}
