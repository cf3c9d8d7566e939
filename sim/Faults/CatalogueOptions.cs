using VrrpLab.Config.FileSystem;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Faults;

/// <summary>How to run the catalogue.</summary>
public sealed record CatalogueOptions
{
    /// <summary>1: every single fault; 2: also every pair of faults.</summary>
    public int Depth { get; init; } = 1;

    /// <summary>Where check scripts are read, to find those that stop keepalived (null: not read).</summary>
    public IConfigFileSystem? ScriptFiles { get; init; }

    /// <summary>How much trace each run keeps (<see cref="RecordingLevel.None"/> is fastest; a report wants <see cref="RecordingLevel.Changes"/>).</summary>
    public RecordingLevel Recording { get; init; } = RecordingLevel.None;
}
