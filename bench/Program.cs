using BenchmarkDotNet.Running;
using VrrpLab.Bench;

try
{
    if (SimMeasure.TryRun(args, out int exitCode) || ExploreMeasure.TryRun(args, out exitCode) || CheckMeasure.TryRun(args, out exitCode) || TraceMeasure.TryRun(args, out exitCode) || TraceHashes.TryRun(args, out exitCode))
    {
        return exitCode;
    }
}
catch (FormatException e)
{
    Console.Error.WriteLine("bench: " + e.Message);
    return 2;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
