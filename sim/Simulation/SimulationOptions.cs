using VrrpLab.Sim.Scenarios;
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

    /// <summary>
    /// When set, every node runs this implementation whatever its <c>implementation:</c> key says (the lab's
    /// <c>--impl</c>: predict the cluster as it will really run).
    /// </summary>
    public NodeImplementation? Implementation { get; init; }

    /// <summary>Per-node overrides of the implementation, by node name; they win over <see cref="Implementation"/>.</summary>
    public IReadOnlyDictionary<string, NodeImplementation>? NodeImplementations { get; init; }

    /// <summary>
    /// Start-up delays (exec to the first BACKUP entry), per node: the k-th start of a node takes the
    /// k-th value (the last one repeats). During it the process exists but hears and sends nothing.
    /// Unset, every process starts instantly (the catalogue's derivations assume so); the lab replays a
    /// scenario with the start-ups it measured, so its prediction and reality share their phases.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>>? StartupDelaysUs { get; init; }

    /// <summary>
    /// Replayed <c>vrrp_script</c> runs, per node and script name: the scenario times (µs) at which the
    /// script really ran (the lab records each run). A script listed here runs at these times only, with
    /// the result the timeline set at that time, instead of at the start and every <c>interval</c>; a run
    /// while the process is down or starting is not heard. Unset, every script runs on the engine's own
    /// schedule (the catalogue's derivations assume so).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<long>>>? ScriptRunsUs { get; init; }

    /// <summary>True when <paramref name="script"/> of <paramref name="node"/> runs at replayed times (<see cref="ScriptRunsUs"/>).</summary>
    public bool ReplaysScript(string node, string script) =>
        ScriptRunsUs is not null && ScriptRunsUs.TryGetValue(node, out IReadOnlyDictionary<string, IReadOnlyList<long>>? scripts) && scripts.ContainsKey(script);

    /// <summary>The start-up delay of <paramref name="node"/>'s start number <paramref name="start"/> (0-based).</summary>
    public long StartupDelayUs(string node, int start) =>
        StartupDelaysUs is not null && StartupDelaysUs.TryGetValue(node, out IReadOnlyList<long>? list) && list.Count > 0
            ? Math.Max(0, list[Math.Min(start, list.Count - 1)])
            : 0;

    /// <summary>What runs on <paramref name="node"/> in this run.</summary>
    public NodeImplementation ImplementationOf(NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return NodeImplementations is not null && NodeImplementations.TryGetValue(node.Name, out NodeImplementation n)
            ? n
            : Implementation ?? node.Implementation;
    }
}
