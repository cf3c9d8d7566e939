using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The interpreted state of one <c>vrrp_script</c>: keepalived runs it every <c>interval</c>; an OK
/// script turns failed after <c>fall</c> consecutive failures, a failed one turns OK after <c>rise</c>
/// consecutive successes. It starts OK, or failed with <c>init_fail</c>.
/// </summary>
internal sealed class ScriptTracker
{
    private int _consecutive;

    public ScriptTracker(TrackedScript script)
    {
        Script = script;
        IsOk = !script.InitFail;
    }

    public TrackedScript Script { get; }

    /// <summary>Whether the script currently counts as succeeding.</summary>
    public bool IsOk { get; private set; }

    /// <summary>When the script runs next (<see cref="Instant.Never"/> while stopped).</summary>
    public Instant NextRun { get; set; } = Instant.Never;

    /// <summary>Applies one run's result; returns true when <see cref="IsOk"/> changed.</summary>
    public bool Record(bool success)
    {
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

        IsOk = success;
        _consecutive = 0;
        return true;
    }
}
