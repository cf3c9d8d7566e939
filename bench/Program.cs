using BenchmarkDotNet.Running;
using VrrpLab.Bench;

if (SimMeasure.TryRun(args, out int exitCode) || ExploreMeasure.TryRun(args, out exitCode) || CheckMeasure.TryRun(args, out exitCode) || TraceMeasure.TryRun(args, out exitCode))
{
    return exitCode;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
