using System.Collections.Immutable;
using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// One scenario file (spec/scenario-format.md): hosts running keepalived configurations on a
/// network, what happens to them over time, and what must hold. Immutable; build it with
/// <see cref="ScenarioLoader"/> or directly (property tests do).
/// </summary>
public sealed record Scenario
{
    /// <summary><c>name</c>: unique in a run.</summary>
    public required string Name { get; init; }

    /// <summary><c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>seed</c> (default 1); <c>vrrplab run --seed N</c> overrides it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary><c>duration</c>: simulated time to run.</summary>
    public required Duration Duration { get; init; }

    /// <summary><c>autostart: true</c>: every node starts at 0s without a <c>start</c> action.</summary>
    public bool Autostart { get; init; }

    /// <summary><c>network.segments</c>, in file order (default: one segment <c>lan</c>, 100us, no loss).</summary>
    public ImmutableArray<SegmentSpec> Segments { get; init; } = [SegmentSpec.DefaultLan];

    /// <summary><c>nodes</c>, in file order.</summary>
    public required ImmutableArray<NodeSpec> Nodes { get; init; }

    /// <summary><c>timeline</c>, sorted by time (ties keep file order).</summary>
    public ImmutableArray<TimelineEntry> Timeline { get; init; } = [];

    /// <summary><c>expect</c>, in file order.</summary>
    public ImmutableArray<Expectation> Expectations { get; init; } = [];

    /// <summary>Where <c>name</c> is given, if loaded from a file.</summary>
    public SourceLocation? NameLocation { get; init; }

    /// <summary>The file it was loaded from (as given on the command line), if any.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The node called <paramref name="name"/>, or null.</summary>
    public NodeSpec? FindNode(string name) => NamedSpecs.Find(Nodes, name);
}
