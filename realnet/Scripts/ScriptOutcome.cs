using VrrpLab.Engine.StateMachine;

namespace VrrpLab.RealNet.Scripts;

/// <summary>How one run of a script ended.</summary>
/// <param name="Success">Exit status 0 (keepalived's definition of success).</param>
/// <param name="ExitStatus">The exit status, or null if it did not exit by itself.</param>
/// <param name="TimedOut">It ran longer than its <c>timeout</c> and was killed (a failure).</param>
/// <param name="Error">Why it could not be started, if it could not.</param>
internal sealed record ScriptOutcome(bool Success, int? ExitStatus, bool TimedOut, string? Error = null)
{
    /// <summary>The engine's input for this run of <paramref name="script"/>.</summary>
    public ScriptResultInput ToInput(string script) => new(script, Success, ExitStatus, TimedOut, Error);
}
