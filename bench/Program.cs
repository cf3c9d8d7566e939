using BenchmarkDotNet.Running;
using VrrpLab.Bench;

try
{
    Func<string[], int>? mode = args.Length == 0 ? null : args[0] switch
    {
        "sim-seed" or "sim-fleet" or "report-fleet" => SimMeasure.Run,
        "explore" => ExploreMeasure.Run,
        "check-catalogue" => CheckMeasure.Run,
        "trace-write" => TraceMeasure.Run,
        "trace-hashes" => TraceHashes.Run,
        _ => null,
    };
    if (mode is not null)
    {
        return mode(args);
    }
}
catch (FormatException e)
{
    Console.Error.WriteLine("bench: " + e.Message);
    return 2;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
