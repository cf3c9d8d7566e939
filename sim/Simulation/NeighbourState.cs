namespace VrrpLab.Sim.Simulation;

/// <summary>The states of a Linux neighbour (ARP) entry that the segment client's model goes through (NUD_*).</summary>
internal enum NeighbourState : byte
{
    /// <summary>Resolving: a broadcast request every second until a reply or a gratuitous ARP arrives; no traffic flows.</summary>
    Incomplete,

    /// <summary>Confirmed by a reply: used without checks until the reachable time runs out.</summary>
    Reachable,

    /// <summary>Unconfirmed but used (after a gratuitous ARP or the reachable time): waits delay_first_probe_time.</summary>
    Delay,

    /// <summary>Unicast probes to the cached MAC, one a second; three unanswered and the entry fails.</summary>
    Probe,
}
