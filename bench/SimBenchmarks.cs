using BenchmarkDotNet.Attributes;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Bench;

/// <summary>
/// BenchmarkDotNet view of the simulator (<c>dotnet run -c Release --project bench -- --filter '*SimBenchmarks*'</c>).
/// The full-size targets (1,000 seed runs per second, the one-hour fleet) are measured by
/// <see cref="SimMeasure"/>, which reports throughput and memory directly.
/// </summary>
[MemoryDiagnoser]
public class SimBenchmarks
{
    private static readonly SimulationOptions NoTrace = new() { Recording = RecordingLevel.None };
    private readonly Scenario _seed = SimWorkloads.SeedScenario();
    private readonly Scenario _smallFleet = SimWorkloads.Fleet(50, Duration.FromSeconds(60));

    /// <summary>One run of the seed scenario (2 nodes, 300 s simulated, no trace).</summary>
    [Benchmark]
    public long SeedScenario300s() => new Simulator(_seed, NoTrace).Run().EventsProcessed;

    /// <summary>The seed scenario with the full trace (what <c>vrrplab run --trace</c> pays).</summary>
    [Benchmark]
    public long SeedScenario300sFullTrace() => new Simulator(_seed, SimulationOptions.Default).Run().EventsProcessed;

    /// <summary>The seed scenario's two engines driven directly (no simulator): the engine's share of a run.</summary>
    [Benchmark]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods of the benchmark class.")]
    public long SeedScenario300sEngineOnly() => SimEnginePairDriver.Run();

    /// <summary>50 segments x 2 routers for 60 s simulated.</summary>
    [Benchmark]
    public long Fleet50Segments60s() => new Simulator(_smallFleet, NoTrace).Run().EventsProcessed;
}
