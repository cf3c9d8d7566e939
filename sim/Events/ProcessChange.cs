namespace VrrpLab.Sim.Events;

/// <summary>What happened to a node's VRRP process (<see cref="ProcessRecord"/>).</summary>
public enum ProcessChange
{
    /// <summary>It was started.</summary>
    Started,

    /// <summary>A start found it already running (nothing happened).</summary>
    AlreadyRunning,

    /// <summary>A stop, pause or resume found no process.</summary>
    NotRunning,

    /// <summary>It exited after SIGTERM.</summary>
    Stopped,

    /// <summary>It was killed with SIGKILL.</summary>
    Killed,

    /// <summary>It vanished with its host (crash).</summary>
    GoneWithHost,

    /// <summary>It was frozen (SIGSTOP).</summary>
    Paused,

    /// <summary>It was thawed (SIGCONT).</summary>
    Resumed,

    /// <summary>It exited on its own (the lab: with the exit status in the detail).</summary>
    Exited,
}
