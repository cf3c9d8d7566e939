using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// A tracked <c>vrrp_script</c> ran (<see cref="StateChange"/> false) or its state changed after
/// <c>rise</c>/<c>fall</c> (true) (<c>script</c>).
/// </summary>
public sealed record ScriptRecord(long TimeUs, string Node, string Script, bool StateChange, bool Ok) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Script;

    /// <summary>The trace's wording: <c>run: ok</c>, <c>run: fail</c>, <c>state: ok</c>, <c>state: failed</c>.</summary>
    public string Detail => StateChange ? (Ok ? "state: ok" : "state: failed") : (Ok ? "run: ok" : "run: fail");

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Instance = Script, Detail = Detail };
}
