using System.Collections.Immutable;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Configuration;

/// <summary>How a <c>vrrp_track_process</c>'s parameters are compared with a process's (keepalived 2.2.7 track_process.c, <c>check_params</c>).</summary>
public enum ParamMatch
{
    /// <summary>No parameters given and no <c>param_match</c>: any parameters match.</summary>
    None,

    /// <summary>The process's parameters are exactly the configured ones (the default when parameters are given; <c>param_match</c> alone: none at all).</summary>
    Exact,

    /// <summary><c>param_match partial</c>: the configured parameters are the first ones of the process's.</summary>
    Partial,

    /// <summary><c>param_match initial</c>: as partial, and the last configured one may be the start of the process's.</summary>
    Initial,
}

/// <summary>
/// A <c>vrrp_track_process</c> block (keepalived 2.2.7 vrrp_parser.c <c>vrrp_tprocess_*_handler</c>): the
/// number of running processes matching it is within [<paramref name="Quorum"/>, <paramref name="QuorumMax"/>]
/// or not. The driver counts the processes and tells the engine when the quorum is gained or lost
/// (<c>TrackedProcessInput</c>).
/// </summary>
/// <param name="Name">Block name.</param>
/// <param name="Process">The process name (<c>comm</c>, 15 characters), or with <paramref name="FullCommand"/> the command's first word (argv[0]) exactly.</param>
/// <param name="Parameters">The words after the process name (they imply <paramref name="FullCommand"/> and an exact match).</param>
/// <param name="Match">How the parameters are compared.</param>
/// <param name="Quorum">Fewest processes for the quorum (default 1; 0 with <c>quorum_max 0</c>).</param>
/// <param name="QuorumMax">Most processes for the quorum (default unlimited: <see cref="uint.MaxValue"/>).</param>
/// <param name="Weight">Default weight of a tracking line (<c>weight</c>, default 0: FAULT without the quorum).</param>
/// <param name="Reverse"><c>weight W reverse</c>.</param>
/// <param name="ForkDelay">How long a gained quorum waits before it counts (<c>fork_delay</c> or <c>delay</c>).</param>
/// <param name="TerminateDelay">How long a lost quorum waits before it counts (<c>terminate_delay</c> or <c>delay</c>).</param>
/// <param name="FullCommand"><c>full_command</c>: match argv[0] from /proc/PID/cmdline instead of the process name.</param>
public sealed record TrackedProcess(
    string Name,
    string Process,
    ImmutableArray<string> Parameters = default,
    ParamMatch Match = ParamMatch.None,
    uint Quorum = 1,
    uint QuorumMax = uint.MaxValue,
    int Weight = 0,
    bool Reverse = false,
    Duration ForkDelay = default,
    Duration TerminateDelay = default,
    bool FullCommand = false)
{
    /// <summary>Whether <paramref name="count"/> matching processes make the quorum.</summary>
    public bool HasQuorum(long count) => count >= Quorum && count <= QuorumMax;
}

/// <summary>One line of an instance's (or sync group's) <c>track_process { NAME [weight W [reverse|noreverse]] }</c>.</summary>
/// <param name="Name">The <c>vrrp_track_process</c> block's name.</param>
/// <param name="Weight">The line's weight; null: the block's.</param>
/// <param name="Reverse">The line's <c>reverse</c>/<c>noreverse</c>; null: the block's.</param>
public sealed record ProcessTrack(string Name, int? Weight = null, bool? Reverse = null);
