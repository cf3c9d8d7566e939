namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The events of the instance state machine, as RFC 3768 / RFC 9568 section 6.4 names them. What an
/// event does depends on the state and on named guards (<see cref="VrrpInstance.Transitions"/>);
/// those that never change the state appear in the graph as self-transitions of the state that handles them.
/// </summary>
public enum VrrpTrigger
{
    /// <summary>
    /// keepalived starts the instance (or, in INIT, a tracked script reports): BACKUP, MASTER at once
    /// for the address owner, FAULT while a tracked script or interface is failed.
    /// </summary>
    Startup,

    /// <summary>A validated advertisement for this VRID arrived.</summary>
    AdvertReceived,

    /// <summary>BACKUP's Master_Down_Timer fired.</summary>
    MasterDownTimerExpired,

    /// <summary>MASTER's Adver_Timer fired: send an advert.</summary>
    AdvertTimerExpired,

    /// <summary>A packet for this VRID was received and dropped (<see cref="Configuration.PacketPolicy.Keepalived"/> only).</summary>
    DroppedPacketHeard,

    /// <summary>A member of the sync group went MASTER: the whole group goes.</summary>
    SyncGroupMaster,

    /// <summary>A member of the sync group went BACKUP: the whole group follows.</summary>
    SyncGroupBackup,

    /// <summary>A tracked script or interface changed: recompute the effective priority.</summary>
    TrackingChanged,

    /// <summary>A tracked script with weight 0 failed, or a tracked interface went down.</summary>
    FaultDetected,

    /// <summary>Every fault cleared: BACKUP with a fresh Master_Down_Interval.</summary>
    FaultCleared,

    /// <summary>Graceful stop (SIGTERM).</summary>
    Shutdown,
}
