using VrrpLab.Engine.Time;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>A node's VRRP process started, stopped, was killed, paused or resumed (<c>process</c>).</summary>
/// <param name="TimeUs">When.</param>
/// <param name="Node">The node.</param>
/// <param name="Change">What happened.</param>
public sealed record ProcessRecord(long TimeUs, string Node, ProcessChange Change) : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => TraceKind.Process;

    /// <summary>For <see cref="ProcessChange.Paused"/>: when it thaws (microseconds).</summary>
    public long? UntilUs { get; init; }

    /// <summary>Extra words appended to the detail (the lab: a pid, an exit status).</summary>
    public string? Note { get; init; }

    /// <summary>The trace's wording, e.g. <c>stopped (SIGTERM)</c>, <c>paused until 15s</c>.</summary>
    public string Detail
    {
        get
        {
            string text = Change switch
            {
                ProcessChange.Started => "started",
                ProcessChange.AlreadyRunning => "already running",
                ProcessChange.NotRunning => "not running",
                ProcessChange.Stopped => "stopped (SIGTERM)",
                ProcessChange.Killed => "killed (SIGKILL)",
                ProcessChange.GoneWithHost => "gone with its host",
                ProcessChange.Paused => UntilUs is { } u ? "paused until " + Duration.FormatSeconds(u) : "paused",
                ProcessChange.Resumed => "resumed",
                ProcessChange.Exited => "exited",
                _ => Change.ToString(),
            };
            return Note is null ? text : text + " " + Note;
        }
    }

    /// <inheritdoc/>
    public override TraceEvent ToTrace() => Line() with { Detail = Detail };
}
