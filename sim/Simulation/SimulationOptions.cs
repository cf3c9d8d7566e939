using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Simulation;

/// <summary>How to run a scenario.</summary>
public sealed record SimulationOptions
{
    /// <summary>Default options: full trace, the scenario's own seed.</summary>
    public static readonly SimulationOptions Default = new();

    /// <summary>How much trace to keep (expectations work at every level).</summary>
    public RecordingLevel Recording { get; init; } = RecordingLevel.Full;

    /// <summary>Overrides the scenario's <c>seed</c> (<c>vrrplab run --seed N</c>).</summary>
    public ulong? Seed { get; init; }

    /// <summary>Packets a paused process's socket buffers hold before new ones are lost.</summary>
    public int PausedReceiveBuffer { get; init; } = 1024;
}
