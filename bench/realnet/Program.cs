using VrrpLab.RealNet.Bench;
using VrrpLab.RealNet.Tests.Fixtures;

// Usage: vrrplab-realnet-bench [--runs N] [--idle-seconds S] [--startup-runs N] [--instances N] [--kinds keepalived,vrrplab] [--out FILE]
//        (VRRPLAB_DAEMON=out/publish/vrrplab measures the native build; unset, the JIT build)
//        vrrplab-realnet-bench --flood [--flood-rates 2000,20000,100000] [--flood-kinds garbage,wrong_auth] [--flood-seconds 15] [--runs N] [--out FILE]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: VrrpLab.RealNet.Bench [--runs N] [--idle-seconds S] [--startup-runs N] [--instances N] [--kinds keepalived,vrrplab] [--out FILE]");
    Console.Error.WriteLine("       VrrpLab.RealNet.Bench --flood [--flood-rates 2000,20000,100000] [--flood-kinds garbage,wrong_auth] [--flood-seconds 15] [--runs N] [--kinds ...] [--out FILE]");
    return 2;
}

try
{
    Prerequisites.Require();
    if (options.Flood)
    {
        var floods = new List<FloodRun.Result>();
        for (int run = 0; run < options.Runs; run++)
        {
            foreach (string floodKind in options.FloodKinds)
            {
                foreach (int rate in options.FloodRates)
                {
                    foreach (PeerKind kind in options.Kinds)
                    {
                        FloodRun.Result r = Retry(() => FloodRun.Measure(kind, floodKind, rate, TimeSpan.FromSeconds(options.FloodSeconds)));
                        Console.Error.WriteLine($"  run {run + 1} {floodKind} {rate}/s {kind}: CPU {r.CpuPercent:0.0} %, largest advert gap {r.LargestGapMs:0.0} ms (as sent {r.LargestSendGapMs:0.0} ms), {r.Adverts} adverts, {r.Takeovers} takeovers, sent {r.SentPerSecond:0}/s");
                        floods.Add(r);
                    }
                }
            }
        }

        string floodReport = FloodReport.Markdown(floods, options, "dotnet run -c Release --project bench/realnet -- " + string.Join(' ', args));
        Console.Out.Write(floodReport);
        if (options.OutputPath is not null)
        {
            File.WriteAllText(options.OutputPath, floodReport);
        }

        return 0;
    }

    var results = new List<KindResult>();
    foreach (PeerKind kind in options.Kinds)
    {
        Console.Error.WriteLine($"== {kind}: failover x{options.Runs}");
        FailoverSamples failover = FailoverRun.Measure(kind, options.Runs, Console.Error);
        Console.Error.WriteLine($"== {kind}: idle {options.IdleSeconds} s");
        IdleCost idle = IdleRun.Measure(kind, TimeSpan.FromSeconds(options.IdleSeconds));
        Console.Error.WriteLine($"== {kind}: start-up x{options.StartupRuns}");
        IReadOnlyList<double> startup = StartupRun.Measure(kind, options.StartupRuns);
        Console.Error.WriteLine($"== {kind}: idle with {options.Instances} instances, {options.IdleSeconds} s");
        IdleCost many = IdleRun.Measure(kind, TimeSpan.FromSeconds(options.IdleSeconds), options.Instances);
        results.Add(new KindResult(kind, failover, idle, startup, many));
    }

    Console.Error.WriteLine($"== launch path alone (ip netns exec echo) x{options.StartupRuns}");
    IReadOnlyList<double> launch = StartupRun.MeasureLaunch(options.StartupRuns);
    string report = BenchReport.Markdown(results, launch, options, "dotnet run -c Release --project bench/realnet -- " + string.Join(' ', args));
    Console.Out.Write(report);
    if (options.OutputPath is not null)
    {
        File.WriteAllText(options.OutputPath, report);
    }

    return 0;
}
catch (FixtureException e)
{
    Console.Error.WriteLine("bench failed: " + e.Message);
    return 1;
}
finally
{
    LeftoverCleaner.Clean();
}

// A shared machine can delay a peer's start past the fixtures' slack: that sample is set up again
// (at most twice), said on stderr, and never silently dropped.
static T Retry<T>(Func<T> measure)
{
    for (int attempt = 1; ; attempt++)
    {
        try
        {
            return measure();
        }
        catch (FixtureException e) when (attempt < 3)
        {
            Console.Error.WriteLine($"  set-up failed (attempt {attempt} of 3), again: {e.Message.Split('\n')[0]}");
        }
    }
}
