namespace VrrpLab.Sim.Tests.Properties;

/// <summary>
/// One generated fault with a beginning and an end (both in whole milliseconds of simulated time):
/// the schedule applies the fault at <see cref="AtMs"/> and undoes it at <see cref="EndMs"/>.
/// </summary>
public abstract record Fault(long AtMs, long ForMs)
{
    /// <summary>When the fault is undone (node restarted, partition healed, loss stopped, process thawed).</summary>
    public long EndMs => AtMs + ForMs;

    /// <summary>The resource two faults must not share at the same time: a node's name, "partition" or "loss".</summary>
    public abstract string Resource { get; }

    /// <summary>Whether the pair of nodes cannot exchange adverts while this fault is active.</summary>
    public abstract bool Separates(string a, string b);

    /// <summary>This fault with a new length (the same kind of fault: <c>with</c> copies the runtime type).</summary>
    public Fault WithLength(long forMs) => this with { ForMs = forMs };

    /// <summary>Timeline lines (YAML flow mappings without <c>at</c>) at the beginning and at the end.</summary>
    public abstract (string Begin, string? End) YamlActions();

    /// <summary>Seconds with up to three decimals, as the scenario format writes durations.</summary>
    public static string Seconds(long ms) =>
        (ms % 1000 == 0)
            ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}

/// <summary>A fault of one node (crash, stop, kill, pause): the node is its resource, and it separates
/// the node from every other.</summary>
public abstract record NodeFault(long AtMs, long ForMs, string Node) : Fault(AtMs, ForMs)
{
    /// <inheritdoc/>
    public override string Resource => Node;

    /// <inheritdoc/>
    public override bool Separates(string a, string b) => a == Node || b == Node;
}

/// <summary>The host powers off at <c>AtMs</c> and is started again (keepalived too) at the end.</summary>
public sealed record CrashFault(long AtMs, long ForMs, string Node) : NodeFault(AtMs, ForMs, Node)
{
    /// <inheritdoc/>
    public override (string Begin, string? End) YamlActions() => ($"crash: {Node}", $"start: {Node}");
}

/// <summary>keepalived is stopped gracefully (SIGTERM) at <c>AtMs</c> and started again at the end.</summary>
public sealed record StopFault(long AtMs, long ForMs, string Node) : NodeFault(AtMs, ForMs, Node)
{
    /// <inheritdoc/>
    public override (string Begin, string? End) YamlActions() => ($"stop: {Node}", $"start: {Node}");
}

/// <summary>keepalived is killed (SIGKILL: no priority 0, VIPs left behind) and started again at the end.</summary>
public sealed record KillFault(long AtMs, long ForMs, string Node) : NodeFault(AtMs, ForMs, Node)
{
    /// <inheritdoc/>
    public override (string Begin, string? End) YamlActions() => ($"kill: {Node}", $"start: {Node}");
}

/// <summary>The keepalived process is frozen for the fault's length.</summary>
public sealed record PauseFault(long AtMs, long ForMs, string Node) : NodeFault(AtMs, ForMs, Node)
{
    /// <inheritdoc/>
    public override (string Begin, string? End) YamlActions() => ($"pause: {{ node: {Node}, for: {Seconds(ForMs)} }}", null);
}

/// <summary>The nodes are split into groups that cannot reach each other, healed at the end.</summary>
public sealed record PartitionFault(long AtMs, long ForMs, ImmutableArray<ImmutableArray<string>> Groups) : Fault(AtMs, ForMs)
{
    /// <inheritdoc/>
    public override string Resource => "partition";

    /// <inheritdoc/>
    public override bool Separates(string a, string b) => GroupOf(a) != GroupOf(b);

    private int GroupOf(string node)
    {
        for (int i = 0; i < Groups.Length; i++)
        {
            if (Groups[i].Contains(node))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override (string Begin, string? End) YamlActions() =>
        ("partition: [" + string.Join(", ", Groups.Select(g => "[" + string.Join(", ", g) + "]")) + "]", "heal: true");

    /// <summary>Record equality by the groups' content.</summary>
    public bool Equals(PartitionFault? other) =>
        other is not null && AtMs == other.AtMs && ForMs == other.ForMs &&
        Groups.Length == other.Groups.Length && Groups.Zip(other.Groups).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AtMs, ForMs, Groups.Length);
}

/// <summary>Random packet loss at <see cref="RatePercent"/> on the segment, back to 0% at the end.</summary>
public sealed record LossFault(long AtMs, long ForMs, int RatePercent) : Fault(AtMs, ForMs)
{
    /// <inheritdoc/>
    public override string Resource => "loss";

    /// <inheritdoc/>
    public override bool Separates(string a, string b) => true;

    /// <inheritdoc/>
    public override (string Begin, string? End) YamlActions() =>
        ($"loss: {{ segment: lan, rate: {RatePercent}% }}", "loss: { segment: lan, rate: 0% }");
}
