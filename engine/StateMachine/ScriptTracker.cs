using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The interpreted state of one <c>vrrp_script</c>, as keepalived's vrrp_track.c keeps it: a script
/// starts in an initial state (or failed with <c>init_fail</c>); its first result decides at once
/// (one success is enough, one failure is enough); after that an OK script turns failed after
/// <c>fall</c> consecutive failures and a failed one turns OK after <c>rise</c> consecutive successes.
/// </summary>
internal sealed class ScriptTracker
{
    private int _consecutive;

    public ScriptTracker(TrackedScript script)
    {
        Script = script;
        Run = new RunScript(script.Name, script.Script);
        Status = script.InitFail ? ScriptStatus.Failed : ScriptStatus.Init;
    }

    public TrackedScript Script { get; }

    /// <summary>Current interpreted state.</summary>
    public ScriptStatus Status { get; private set; }

    /// <summary>The script counts as succeeding.</summary>
    public bool IsOk => Status == ScriptStatus.Ok;

    /// <summary>The script counts as failing.</summary>
    public bool IsFailed => Status == ScriptStatus.Failed;

    /// <summary>When the script runs next (<see cref="Instant.Never"/> while stopped).</summary>
    public Instant NextRun { get; set; } = Instant.Never;

    /// <summary>The effect that asks the driver to run the script (the same every time: no allocation per run).</summary>
    public RunScript Run { get; }

    /// <summary>
    /// Reload: takes over the state of the running script of the same name (its status, the run of
    /// results towards rise/fall, and its schedule).
    /// </summary>
    public void ContinueFrom(ScriptTracker previous)
    {
        Status = previous.Status;
        _consecutive = previous._consecutive;
        NextRun = previous.NextRun;
    }

    /// <summary>Applies one run's result; returns true when <see cref="Status"/> changed.</summary>
    public bool Record(bool success)
    {
        if (Status == ScriptStatus.Init)
        {
            Status = success ? ScriptStatus.Ok : ScriptStatus.Failed;
            _consecutive = 0;
            return true;
        }

        if (success == IsOk)
        {
            _consecutive = 0;
            return false;
        }

        _consecutive++;
        int needed = IsOk ? Math.Max(1, Script.Fall) : Math.Max(1, Script.Rise);
        if (_consecutive < needed)
        {
            return false;
        }

        Status = success ? ScriptStatus.Ok : ScriptStatus.Failed;
        _consecutive = 0;
        return true;
    }
}

/// <summary>A tracked script's interpreted state.</summary>
internal enum ScriptStatus
{
    /// <summary>No result yet: weight-0 trackers hold their instance in INIT, weights add nothing.</summary>
    Init,

    /// <summary>Succeeding.</summary>
    Ok,

    /// <summary>Failing.</summary>
    Failed,
}
