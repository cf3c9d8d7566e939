using System.Net;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// An input to <see cref="VrrpRouter.Step"/>: the sans-IO form of the router's methods. The set is
/// closed (only this assembly can add a kind), so <see cref="VrrpRouter.Step"/> is total over it.
/// </summary>
public abstract record RouterInput
{
    private protected RouterInput()
    {
    }
}

/// <summary>keepalived starts.</summary>
public sealed record StartInput : RouterInput;

/// <summary>Graceful shutdown (SIGTERM): a MASTER sends priority 0 and removes its addresses.</summary>
public sealed record ShutdownInput : RouterInput;

/// <summary>The clock reached the input's instant: fire every timer that is due.</summary>
public sealed record TimersDueInput : RouterInput;

/// <summary>A packet of IP protocol 112 arrived on <paramref name="Interface"/>.</summary>
/// <param name="Interface">Receiving interface.</param>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">IP destination address (224.0.0.18, ff02::12 or ours for unicast).</param>
/// <param name="Ttl">IP TTL / hop limit.</param>
/// <param name="Payload">The VRRP message (IP payload).</param>
public sealed record PacketInput(string Interface, IPAddress Source, IPAddress Destination, byte Ttl, byte[] Payload) : RouterInput;

/// <summary>A tracked script run finished (a timeout counts as failure).</summary>
/// <param name="Script">The <c>vrrp_script</c> name.</param>
/// <param name="Success">Exit status 0 within the timeout.</param>
/// <param name="ExitStatus">The exit status, when the script exited.</param>
/// <param name="TimedOut">The script ran past its timeout and was killed.</param>
/// <param name="Error">Why the script could not be run at all, if so.</param>
public sealed record ScriptResultInput(string Script, bool Success, int? ExitStatus = null, bool TimedOut = false, string? Error = null) : RouterInput
{
    /// <summary>How the run ended, in keepalived's words.</summary>
    public string Describe() =>
        TimedOut ? "timed out"
        : Error is not null ? "could not be run: " + Error
        : $"exited with status {ExitStatus}";
}

/// <summary>An interface's carrier went up or down.</summary>
public sealed record LinkInput(string Interface, bool Up) : RouterInput;

/// <summary>A tracked file (<c>track_file</c>) now holds <paramref name="Value"/>.</summary>
/// <param name="File">The <c>track_file</c> block's name.</param>
/// <param name="Value">The number read from it (0 when missing or unreadable).</param>
public sealed record TrackedFileInput(string File, long Value) : RouterInput;

/// <summary>A tracked process (<c>vrrp_track_process</c>) gained or lost its quorum (the driver counts the processes and applies the delays).</summary>
/// <param name="Process">The <c>vrrp_track_process</c> block's name.</param>
/// <param name="HaveQuorum">Whether the number of matching processes is within [quorum, quorum_max].</param>
public sealed record TrackedProcessInput(string Process, bool HaveQuorum) : RouterInput;
