using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using VrrpLab.Engine.Time;
using VrrpLab.Report.Building;
using VrrpLab.Report.Html;
using VrrpLab.Report.Model;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Bench;

/// <summary>
/// <c>report-fleet [--segments N] [--minutes M] [--jitter-us J] [--out FILE.html]</c>: the HTML report of the fleet
/// (N segments x 2 routers, every advert recorded) for M simulated minutes: its size (and gzipped,
/// as a CI artifact store keeps it), how many advert ticks the file carries against how many adverts
/// were sent, and the time to build it.
/// </summary>
public static class ReportMeasure
{
    /// <summary>Runs the measurement.</summary>
    public static void Fleet(int segments, int minutes, string? outPath, int jitterUs)
    {
        Scenario scenario = SimWorkloads.Fleet(segments, Duration.FromSeconds(minutes * 60L));
        Console.WriteLine($"report of the fleet: {segments} segments x 2 routers ({segments * 2} VRRP instances), {scenario.Duration} simulated, advert_int 1s, full trace");
        var sw = Stopwatch.StartNew();
        SimulationResult run = new Simulator(scenario, new SimulationOptions { Recording = RecordingLevel.Full }).Run();
        double simSeconds = sw.Elapsed.TotalSeconds;
        long sent = run.Log.Count(e => e.Kind == TraceKind.AdvertTx);

        sw.Restart();
        // --jitter-us N: every advert 0..N-1 us late, as real daemons' timers are (a lab run's trace):
        // no two intervals equal, so the lossless run-lengths give way to decimated bands.
        IReadOnlyList<RunEvent> log = run.Log;
        if (jitterUs > 0)
        {
            ulong x = 88172645463325252UL;
            log = [.. run.Log.Select(e =>
            {
                if (e is not AdvertSentRecord a)
                {
                    return e;
                }

                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                return a with { TimeUs = a.TimeUs + (long)(x % (ulong)jitterUs) };
            })];
            Console.WriteLine($"adverts jittered by 0..{jitterUs}us");
        }

        var report = new ReportRun(jitterUs > 0 ? "jittered" : "simulated", run.EndUs, log);
        ReportDocument doc = new("bench: report of the fleet", [new ReportSection(scenario.Name, [ScenarioReports.Figure(scenario, [report])])]);
        string html = HtmlReportWriter.ToHtml(doc);
        double buildSeconds = sw.Elapsed.TotalSeconds;

        byte[] bytes = Encoding.UTF8.GetBytes(html);
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(bytes);
        }

        if (outPath is not null)
        {
            File.WriteAllBytes(outPath, bytes);
        }

        int lanes = CountOf(html, "{\"k\":");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Log.Count:N0} events, {sent:N0} adverts sent; simulated in {simSeconds:0.0}s; report built in {buildSeconds:0.00}s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report: {bytes.Length / 1024.0 / 1024.0:0.00} MiB ({bytes.Length:N0} bytes), {gz.Length / 1024.0:0} KiB gzipped; {lanes:N0} lanes"));
    }

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
