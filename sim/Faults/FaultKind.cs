namespace VrrpLab.Sim.Faults;

/// <summary>The kinds of fault in <c>vrrplab check</c>'s catalogue (domain.md section 5).</summary>
public enum FaultKind
{
    /// <summary>The host powers off (silent, its addresses vanish), then boots again.</summary>
    Crash,

    /// <summary>keepalived gets SIGTERM (priority 0, VIPs removed), then is started again.</summary>
    Stop,

    /// <summary>keepalived gets SIGKILL (silent, its VIPs stay on the interface), then is started again.</summary>
    Kill,

    /// <summary>A tracked <c>vrrp_script</c> starts failing (its weight applies, or FAULT at weight 0), then recovers.</summary>
    ScriptFails,

    /// <summary>An interface keepalived tracks (its own, or a <c>track_interface</c>) loses carrier, then gets it back.</summary>
    InterfaceDown,

    /// <summary>keepalived is frozen (SIGSTOP, a VM pause), then thawed.</summary>
    Pause,

    /// <summary>The host reboots and its network forwards nothing for a while after boot (switch port in STP learning, bond not up).</summary>
    RebootLateLink,

    /// <summary>The host is cut off from the other hosts (its clients still reach it), then rejoins.</summary>
    Partition,

    /// <summary>
    /// An extra host on a segment sends garbage VRRP datagrams naming a VRID (<see cref="Fault.Rate"/> per
    /// second) for one <see cref="FaultTiming.Settle"/>: keepalived 2.2.7 restarts a MASTER's advert timer for each one.
    /// <see cref="Fault.Node"/> is the segment, <see cref="Fault.Vrid"/> the VRID.
    /// </summary>
    Flood,
}
