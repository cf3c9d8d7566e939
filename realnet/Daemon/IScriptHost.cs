using System.Collections.Immutable;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Starts tracked-script checks and notify scripts for the event loop.</summary>
internal interface IScriptHost
{
    /// <summary>Starts a run of the tracked script (unless one is still running); its result comes back as an input.</summary>
    void StartCheck(string script, string command);

    /// <summary>Starts a notify script with its arguments.</summary>
    /// <returns>Null, or why it could not be started.</returns>
    string? StartNotify(string instance, string command, ImmutableArray<string> arguments);
}
