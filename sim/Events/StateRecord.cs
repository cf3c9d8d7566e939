using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>
/// An instance changed state (<c>state</c>): from the engine in the simulator, from the daemon's log
/// line or the wire in the lab; STOP when the process ended.
/// </summary>
public sealed record StateRecord(long TimeUs, string Node, string Instance, byte Vrid, VrrpState From, VrrpState To, string Cause)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.State;

    /// <summary>
    /// How the lab timed the change (e.g. <c>wire: first advert as MASTER</c>, <c>log line</c>);
    /// null in the simulator, where every change is exact.
    /// </summary>
    public string? Timing { get; init; }

    /// <summary>The state's name as keepalived writes it (<c>MASTER</c>).</summary>
    public static string Name(VrrpState s) => s switch
    {
        VrrpState.Init => "INIT",
        VrrpState.Backup => "BACKUP",
        VrrpState.Master => "MASTER",
        VrrpState.Fault => "FAULT",
        VrrpState.Stop => "STOP",
        _ => s.ToString().ToUpperInvariant(),
    };

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Instance = Instance, From = Name(From), To = Name(To), Cause = Cause, Timing = Timing };
}
