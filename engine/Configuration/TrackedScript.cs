using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Configuration;

/// <summary>
/// A <c>vrrp_script</c> block. The engine schedules it (<c>interval</c>) and interprets its results
/// (<c>rise</c>, <c>fall</c>, <c>init_fail</c>, <c>weight</c>); the driver executes it.
/// </summary>
/// <param name="Name">Block name, e.g. <c>chk_nginx</c>.</param>
/// <param name="Script">The command line (<c>script</c>).</param>
/// <param name="Interval">Run period (<c>interval</c>, default 1 s).</param>
/// <param name="Timeout">A run longer than this counts as a failure (<c>timeout</c>; default = interval).</param>
/// <param name="Weight">Default weight (-253..253); 0 means failure puts the instance in FAULT.</param>
/// <param name="Rise">Consecutive successes needed to go from failed to OK (default 1).</param>
/// <param name="Fall">Consecutive failures needed to go from OK to failed (default 1).</param>
/// <param name="InitFail">Start in the failed state (<c>init_fail</c>).</param>
/// <param name="User">The user to run it as (<c>user</c>, else the global <c>script_user</c>).</param>
public sealed record TrackedScript(
    string Name,
    string Script,
    Duration Interval,
    Duration Timeout,
    int Weight,
    int Rise,
    int Fall,
    bool InitFail,
    string? User = null)
{
    /// <summary>A script with keepalived's defaults: interval 1 s, weight 0, rise 1, fall 1.</summary>
    public static TrackedScript WithDefaults(string name, string script) =>
        new(name, script, Duration.FromSeconds(1), Duration.FromSeconds(1), 0, 1, 1, false);
}
