using System.Diagnostics;
using System.Globalization;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Bench;

/// <summary>
/// Measured modes for issue 4's targets, single-threaded and in process:
/// <c>sim-seed [--seconds S]</c>: seed-scenario runs per second (target at least 1,000);
/// <c>sim-fleet [--segments N] [--minutes M]</c>: wall time, events per second and memory of the
/// fleet (target: 500 segments, 60 minutes, under 15 s and 1 GiB).
/// </summary>
public static class SimMeasure
{
    private static readonly SimulationOptions NoTrace = new() { Recording = RecordingLevel.None };

    /// <summary>Runs the measured mode <paramref name="args"/>[0] names (<c>sim-seed</c>, <c>sim-fleet</c> or <c>report-fleet</c>); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        if (args[0] == "sim-seed")
        {
            Seed(BenchArgs.Option(args, "--seconds", 10));
        }
        else if (args[0] == "report-fleet")
        {
            int jitter = Array.IndexOf(args, "--jitter-us") >= 0 ? BenchArgs.Option(args, "--jitter-us", 1) : 0;
            ReportMeasure.Fleet(BenchArgs.Option(args, "--segments", 500), BenchArgs.Option(args, "--minutes", 60), BenchArgs.Text(args, "--out"), jitter);
        }
        else
        {
            Fleet(BenchArgs.Option(args, "--segments", 500), BenchArgs.Option(args, "--minutes", 60));
        }

        return 0;
    }

    private static void Seed(int seconds)
    {
        Scenario scenario = SimWorkloads.SeedScenario();
        SimulationResult first = new Simulator(scenario, NoTrace).Run();
        Console.WriteLine($"seed scenario: 2 nodes, {scenario.Duration} simulated, advert_int 1s; one run = {first.EventsProcessed} events, {first.AdvertsSent} adverts");

        // Warm-up (JIT, tiered compilation), then measure for the requested wall time.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(2))
        {
            _ = new Simulator(scenario, NoTrace).Run();
        }

        long runs = 0, events = 0;
        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            events += new Simulator(scenario, NoTrace).Run().EventsProcessed;
            runs++;
        }

        sw.Stop();
        long alloc = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        double perSecond = runs / sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs} runs in {sw.Elapsed.TotalSeconds:0.00}s on one thread: {perSecond:0} runs/s ({1000.0 / perSecond:0.000} ms per run), " +
            $"{events / sw.Elapsed.TotalSeconds / 1e6:0.00} M events/s, {alloc / (double)runs / 1024:0.0} KiB allocated per run"));
        Console.WriteLine(perSecond >= 1000 ? "target (>= 1,000 runs/s): met" : "target (>= 1,000 runs/s): MISSED");
    }

    private static void Fleet(int segments, int minutes)
    {
        Scenario scenario = SimWorkloads.Fleet(segments, Duration.FromSeconds(minutes * 60L));
        Console.WriteLine($"fleet: {segments} segments x 2 routers ({segments * 2} VRRP instances), {scenario.Duration} simulated, advert_int 1s");
        long allocBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        SimulationResult result = new Simulator(scenario, NoTrace).Run();
        sw.Stop();
        long alloc = GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
        using var me = Process.GetCurrentProcess();
        me.Refresh();
        double peakMiB = me.PeakWorkingSet64 / 1024.0 / 1024.0;
        int masters = result.History.States.Count(s => s.To == Engine.StateMachine.VrrpState.Master);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wall {sw.Elapsed.TotalSeconds:0.00}s; {result.EventsProcessed} events ({result.EventsProcessed / sw.Elapsed.TotalSeconds / 1e6:0.00} M events/s), " +
            $"{result.AdvertsSent} adverts; {masters} MASTER entries; peak working set {peakMiB:0} MiB; {alloc / 1024.0 / 1024.0:0} MiB allocated in total"));
        bool met = sw.Elapsed < TimeSpan.FromSeconds(15) && me.PeakWorkingSet64 < 1L << 30;
        Console.WriteLine(met ? "target (< 15 s wall, < 1 GiB): met" : "target (< 15 s wall, < 1 GiB): MISSED");
    }
}
