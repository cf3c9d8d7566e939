using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>A timeline entry was applied (<c>action</c>).</summary>
/// <param name="TimeUs">When it was applied.</param>
/// <param name="Action">The entry's action.</param>
public sealed record ActionRecord(long TimeUs, TimelineAction Action) : RunEvent(TimeUs, NodeOf(Action))
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Action;

    /// <summary>How late the lab applied it after its scheduled time (null in the simulator, which is never late).</summary>
    public long? LatenessUs { get; init; }

    /// <summary>
    /// The trace's <c>node</c> for an action: the node it names (a <c>start</c>, <c>stop</c>, <c>kill</c> or
    /// <c>crash</c> of one node, a <c>script</c>, <c>link</c>, <c>pause</c>, <c>drift</c>), else <c>*</c>.
    /// </summary>
    public static string NodeOf(TimelineAction action) => action switch
    {
        StartAction { Nodes.Length: 1 } s => s.Nodes[0],
        StopAction { Nodes.Length: 1 } s => s.Nodes[0],
        KillAction { Nodes.Length: 1 } k => k.Nodes[0],
        CrashAction { Nodes.Length: 1 } c => c.Nodes[0],
        ScriptAction s => s.Node,
        LinkAction l => l.Node,
        PauseAction p => p.Node,
        DriftAction d => d.Node,
        ProcessAction p => p.Node,
        _ => "*",
    };

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Action = Action.Keyword, Detail = Action.Describe(), LatenessUs = LatenessUs };
}
