using System.Collections.Immutable;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// One item of <c>expect</c> (spec/scenario-format.md, "Expectations"). <see cref="Instance"/> or
/// <see cref="Vrid"/> qualify it; both may be null when every node runs one VRRP instance.
/// </summary>
public abstract record Expectation
{
    /// <summary><c>instance: VI_1</c>.</summary>
    public string? Instance { get; init; }

    /// <summary><c>vrid: 51</c>.</summary>
    public byte? Vrid { get; init; }

    /// <summary>Where the item is in the scenario file, if loaded from one.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The item in compact words, e.g. <c>takeover node2 after 30s within [0s, 1.5s]</c>.</summary>
    public string Describe()
    {
        string q = Instance is not null ? $" ({Instance})" : Vrid is { } v ? $" (vrid {v})" : "";
        return DescribeItem() + q;
    }

    /// <summary>The item without its qualifier.</summary>
    protected abstract string DescribeItem();

    /// <summary>Lower-case state name as in the file.</summary>
    protected static string Name(VrrpState s) => s.ToString().ToUpperInvariant();
}

/// <summary><c>always: single_master</c>: never two MASTERs of one VRID that can reach each other for longer than <see cref="Grace"/>.</summary>
/// <param name="Grace">Tolerated overlap; null = one advert interval (the larger of the two instances').</param>
public sealed record SingleMasterExpectation(Duration? Grace) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() => Grace is { } g ? $"always single_master (grace {g})" : "always single_master";
}

/// <summary><c>always: vip_only_on_master</c>: a VIP is configured only on a host whose instance is MASTER.</summary>
public sealed record VipOnlyOnMasterExpectation : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() => "always vip_only_on_master";
}

/// <summary><c>{ at: T, master: NODE | none }</c>: the one MASTER at <paramref name="At"/>.</summary>
/// <param name="At">The instant (after every event at that instant).</param>
/// <param name="Node">The expected master; null for <c>none</c>.</param>
public sealed record MasterAtExpectation(Duration At, string? Node) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() => $"at {At} master {Node ?? "none"}";
}

/// <summary>A node and a state, one entry of <c>state: { NODE: STATE }</c>.</summary>
public sealed record NodeState(string Node, VrrpState State);

/// <summary><c>{ at: T, state: { NODE: STATE, ... } }</c>.</summary>
public sealed record StatesAtExpectation(Duration At, ImmutableArray<NodeState> States) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() =>
        $"at {At} state {string.Join(", ", States.Select(s => s.Node + "=" + Name(s.State)))}";
}

/// <summary><c>eventually: { master: NODE, after: T, within: D }</c>: NODE is MASTER at some point in [T, T+D].</summary>
public sealed record EventuallyMasterExpectation(string Node, Duration After, Duration Within) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() => $"eventually master {Node} after {After} within {Within}";
}

/// <summary><c>never: { master: NODE, after: T, before: T2 }</c>: NODE is never MASTER in [T, T2].</summary>
public sealed record NeverMasterExpectation(string Node, Duration After, Duration? Before) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() =>
        Before is { } b ? $"never master {Node} after {After} before {b}" : $"never master {Node} after {After}";
}

/// <summary><c>vip_moves: { max | min | equals: N }</c>: changes of VIP owner after the first acquisition.</summary>
public sealed record VipMovesExpectation(int? Max, int? Min, int? Exactly) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem()
    {
        var parts = new List<string>();
        if (Exactly is { } e)
        {
            parts.Add($"equals {e}");
        }

        if (Min is { } mn)
        {
            parts.Add($"min {mn}");
        }

        if (Max is { } mx)
        {
            parts.Add($"max {mx}");
        }

        return "vip_moves " + string.Join(" ", parts);
    }
}

/// <summary>
/// <c>outage: { max: D, min: D2, after: T }</c>: the longest client-side interruption after T is at
/// most D (and, with <c>min</c>, at least D2: the client must be cut off that long, e.g. by a stale
/// neighbour entry). At least one of <c>max</c> and <c>min</c> is given.
/// </summary>
/// <param name="Max">Longest tolerated interruption (null: no upper bound).</param>
/// <param name="After">Start of the window; null = from the VIP's first acquisition.</param>
public sealed record OutageExpectation(Duration? Max, Duration? After) : Expectation
{
    /// <summary>The longest interruption must be at least this long (null: no lower bound).</summary>
    public Duration? Min { get; init; }

    /// <inheritdoc/>
    protected override string DescribeItem()
    {
        string bounds = string.Join(" ", new[] { Max is { } mx ? $"max {mx}" : null, Min is { } mn ? $"min {mn}" : null }.Where(b => b is not null));
        return After is { } a ? $"outage {bounds} after {a}" : $"outage {bounds}";
    }
}

/// <summary>One node's expected sequence of states (INIT omitted).</summary>
public sealed record NodeTransitions(string Node, ImmutableArray<VrrpState> States);

/// <summary><c>transitions: { NODE: [STATE, ...] }</c>: exact sequence of states each NODE enters.</summary>
public sealed record TransitionsExpectation(ImmutableArray<NodeTransitions> Nodes) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() =>
        "transitions " + string.Join("; ", Nodes.Select(n => n.Node + ": " + string.Join(" ", n.States.Select(Name))));
}

/// <summary><c>final: { master: NODE | none }</c>: who is MASTER at the end.</summary>
public sealed record FinalMasterExpectation(string? Node) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() => $"final master {Node ?? "none"}";
}

/// <summary><c>takeover: { node: NODE, after: T, within: [MIN, MAX] }</c>: NODE's first entry into MASTER at or after T is in [T+MIN, T+MAX].</summary>
public sealed record TakeoverExpectation(string Node, Duration After, Duration Min, Duration Max) : Expectation
{
    /// <inheritdoc/>
    protected override string DescribeItem() => $"takeover {Node} after {After} within [{Min}, {Max}]";
}
