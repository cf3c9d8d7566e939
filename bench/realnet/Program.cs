using VrrpLab.RealNet.Bench;
using VrrpLab.RealNet.Tests.Fixtures;

// Usage: vrrplab-realnet-bench [--runs N] [--idle-seconds S] [--kinds keepalived,vrrplab] [--out FILE]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: VrrpLab.RealNet.Bench [--runs N] [--idle-seconds S] [--kinds keepalived,vrrplab] [--out FILE]");
    return 2;
}

try
{
    Prerequisites.Require();
    var results = new List<KindResult>();
    foreach (PeerKind kind in options.Kinds)
    {
        Console.Error.WriteLine($"== {kind}: failover x{options.Runs}");
        FailoverSamples failover = FailoverRun.Measure(kind, options.Runs, Console.Error);
        Console.Error.WriteLine($"== {kind}: idle {options.IdleSeconds} s");
        IdleCost idle = IdleRun.Measure(kind, TimeSpan.FromSeconds(options.IdleSeconds));
        results.Add(new KindResult(kind, failover, idle));
    }

    string report = BenchReport.Markdown(results, options, "dotnet run -c Release --project bench/realnet -- " + string.Join(' ', args));
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
