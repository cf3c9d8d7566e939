using System.Collections.Concurrent;
using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;
using VrrpLab.RealNet.Scripts;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Runs tracked scripts and notify scripts as processes for the daemon. A check still running
/// when the engine asks for the next one is not started twice (keepalived waits too).
/// </summary>
internal sealed class ProcessScriptHost : IScriptHost
{
    private readonly ScriptProcessRunner _runner;
    private readonly DaemonInbox _results;
    private Dictionary<string, (TrackedScript Script, ScriptUser? User)> _scripts;
    private readonly ScriptUser? _notifyUser;
    private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);
    private readonly CancellationToken _stopping;

    public ProcessScriptHost(
        ScriptProcessRunner runner,
        DaemonInbox results,
        IReadOnlyDictionary<string, (TrackedScript Script, ScriptUser? User)> scripts,
        ScriptUser? notifyUser,
        CancellationToken stopping)
    {
        _runner = runner;
        _results = results;
        _scripts = new(scripts, StringComparer.Ordinal);
        _notifyUser = notifyUser;
        _stopping = stopping;
    }

    /// <summary>A configuration reload: the scripts (and their users) from now on. Event loop only, as <see cref="StartCheck"/>.</summary>
    public void Replace(IReadOnlyDictionary<string, (TrackedScript Script, ScriptUser? User)> scripts) =>
        _scripts = new(scripts, StringComparer.Ordinal);

    /// <inheritdoc/>
    public void StartCheck(string script, string command)
    {
        if (!_running.TryAdd(script, true))
        {
            return;
        }

        TimeSpan timeout = TimeSpan.FromSeconds(1);
        ScriptUser? user = _notifyUser;
        if (_scripts.TryGetValue(script, out var s))
        {
            timeout = s.Script.Timeout > Engine.Time.Duration.Zero ? s.Script.Timeout.ToTimeSpan() : s.Script.Interval.ToTimeSpan();
            user = s.User;
        }

        _ = Task.Run(async () =>
        {
            ScriptOutcome outcome;
            try
            {
                outcome = await _runner.RunCheckAsync(command, user, timeout, _stopping).ConfigureAwait(false);
            }
            finally
            {
                _running.TryRemove(script, out _);
            }

            _results.Post(outcome.ToInput(script));
        });
    }

    /// <inheritdoc/>
    public string? StartNotify(string instance, string command, ImmutableArray<string> arguments) =>
        _runner.StartNotify(command, arguments, _notifyUser);
}
