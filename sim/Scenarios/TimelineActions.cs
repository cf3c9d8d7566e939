using System.Collections.Immutable;
using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Scenarios;

/// <summary>An action of the timeline (spec/scenario-format.md, "Timeline").</summary>
public abstract record TimelineAction
{
    /// <summary>The action's key in the file, e.g. <c>stop</c>.</summary>
    public abstract string Keyword { get; }

    /// <summary>The argument in compact words, for traces and reports.</summary>
    public abstract string Describe();
}

/// <summary>An action on a list of nodes (<c>start</c>, <c>stop</c>, <c>kill</c>, <c>crash</c>), described by the list.</summary>
public abstract record NodesAction(ImmutableArray<string> Nodes) : TimelineAction
{
    /// <inheritdoc/>
    public override string Describe() => string.Join(",", Nodes);
}

/// <summary><c>start</c>: start keepalived (the host powers up first if it was down).</summary>
public sealed record StartAction(ImmutableArray<string> Nodes) : NodesAction(Nodes)
{
    /// <inheritdoc/>
    public override string Keyword => "start";
}

/// <summary><c>stop</c>: graceful stop (SIGTERM): a MASTER sends priority 0 and removes its VIPs.</summary>
public sealed record StopAction(ImmutableArray<string> Nodes) : NodesAction(Nodes)
{
    /// <inheritdoc/>
    public override string Keyword => "stop";
}

/// <summary><c>kill</c>: SIGKILL: no priority 0, the VIPs stay on the host's interfaces.</summary>
public sealed record KillAction(ImmutableArray<string> Nodes) : NodesAction(Nodes)
{
    /// <inheritdoc/>
    public override string Keyword => "kill";
}

/// <summary><c>crash</c>: the host powers off: silent, all its addresses vanish.</summary>
public sealed record CrashAction(ImmutableArray<string> Nodes) : NodesAction(Nodes)
{
    /// <inheritdoc/>
    public override string Keyword => "crash";
}

/// <summary><c>script</c>: the underlying result of a tracked check on a node from now on.</summary>
public sealed record ScriptAction(string Node, string Script, bool Ok) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "script";

    /// <inheritdoc/>
    public override string Describe() => $"{Node} {Script} {(Ok ? "ok" : "fail")}";
}

/// <summary><c>link</c>: an interface's carrier goes down or up.</summary>
public sealed record LinkAction(string Node, string Interface, bool Up) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "link";

    /// <inheritdoc/>
    public override string Describe() => $"{Node} {Interface} {(Up ? "up" : "down")}";
}

/// <summary><c>partition</c>: nodes in different groups cannot reach each other (symmetric).</summary>
/// <remarks>Nodes named in no group form one more group together. The segment clients reach every node.</remarks>
public sealed record PartitionAction(ImmutableArray<ImmutableArray<string>> Groups) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "partition";

    /// <inheritdoc/>
    public override string Describe() => string.Join(" | ", Groups.Select(g => string.Join(",", g)));
}

/// <summary><c>heal: true</c>: remove all partitions.</summary>
public sealed record HealAction : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "heal";

    /// <inheritdoc/>
    public override string Describe() => "all";
}

/// <summary><c>loss</c>: random packet loss on a segment from now on.</summary>
public sealed record LossAction(string Segment, Rate Rate) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "loss";

    /// <inheritdoc/>
    public override string Describe() => $"{Segment} {Rate}";
}

/// <summary><c>latency</c>: change a segment's delay (and jitter, when given).</summary>
public sealed record LatencyAction(string Segment, Duration Value, Duration? Jitter) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "latency";

    /// <inheritdoc/>
    public override string Describe() => Jitter is { } j ? $"{Segment} {Value} jitter {j}" : $"{Segment} {Value}";
}

/// <summary><c>pause</c>: the keepalived process is frozen (SIGSTOP) for <paramref name="For"/>.</summary>
public sealed record PauseAction(string Node, Duration For) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "pause";

    /// <inheritdoc/>
    public override string Describe() => $"{Node} for {For}";
}

/// <summary><c>drift</c>: the node's clock runs at <paramref name="Rate"/> x real time from now on.</summary>
public sealed record DriftAction(string Node, ClockRate Rate) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "drift";

    /// <inheritdoc/>
    public override string Describe() => $"{Node} x{Rate}";
}

/// <summary>
/// <c>flood</c>: an extra host on <paramref name="Segment"/> sends <paramref name="Rate"/> VRRP datagrams per
/// second naming <paramref name="Vrid"/>, of <paramref name="Kind"/>, for <paramref name="For"/>. None is a
/// valid advert for the cluster; what each node does with them is its implementation's behaviour.
/// </summary>
public sealed record FloodAction(string Segment, byte Vrid, int Rate, Duration For, Engine.Wire.FloodKind Kind) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "flood";

    /// <summary>The file's name of <see cref="Kind"/>: <c>garbage</c>, <c>wrong_auth</c>, <c>wrong_version</c>.</summary>
    public string KindName => KindNames[(int)Kind];

    /// <summary>The file's names of the kinds, in <see cref="Engine.Wire.FloodKind"/> order.</summary>
    public static readonly ImmutableArray<string> KindNames = ["garbage", "wrong_auth", "wrong_version"];

    /// <inheritdoc/>
    public override string Describe() =>
        $"{Segment} vrid {Vrid} {Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}/s for {For} {KindName}";
}

/// <summary>
/// <c>process</c>: from now on <paramref name="Count"/> processes named <paramref name="Name"/> run on the
/// node (what <c>vrrp_track_process</c> blocks whose <c>process</c> is that name count);
/// <paramref name="Forked"/>: the new ones are children of a running one (<c>fork_delay</c> applies).
/// </summary>
public sealed record ProcessAction(string Node, string Name, int Count, bool Forked = false) : TimelineAction
{
    /// <inheritdoc/>
    public override string Keyword => "process";

    /// <inheritdoc/>
    public override string Describe() => $"{Node} {Name} {Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(Forked ? " forked" : "")}";
}
