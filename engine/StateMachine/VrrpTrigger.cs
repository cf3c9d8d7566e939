namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The triggers of the instance state machine. Those marked "internal" never change the state;
/// they appear in the graph as self-transitions of the state that handles them.
/// </summary>
public enum VrrpTrigger
{
    /// <summary>keepalived starts a non-owner instance: BACKUP, down timer = Master_Down_Interval.</summary>
    Startup,

    /// <summary>keepalived starts the address owner (priority 255): MASTER at once.</summary>
    StartupAsOwner,

    /// <summary>keepalived starts while a tracked script or interface is failed.</summary>
    StartupInFault,

    /// <summary>BACKUP's Master_Down_Timer fired: send an advert, then become MASTER.</summary>
    MasterDownTimerExpired,

    /// <summary>MASTER heard a higher priority (or equal priority from a higher address).</summary>
    HigherPriorityAdvert,

    /// <summary>A member of the sync group went MASTER: the whole group goes.</summary>
    SyncGroupMaster,

    /// <summary>A member of the sync group went BACKUP: the whole group follows.</summary>
    SyncGroupBackup,

    /// <summary>A tracked script with weight 0 failed, or a tracked interface went down.</summary>
    FaultDetected,

    /// <summary>Every fault cleared: BACKUP with a fresh Master_Down_Interval.</summary>
    FaultCleared,

    /// <summary>Graceful stop (SIGTERM).</summary>
    Shutdown,

    /// <summary>Internal: BACKUP accepted an advert and reset its down timer.</summary>
    AdvertAccepted,

    /// <summary>Internal: BACKUP discarded a lower-priority advert (preempting).</summary>
    LowerPriorityAdvertDiscarded,

    /// <summary>Internal: a priority-0 advert (BACKUP: down timer = Skew_Time; MASTER: advert now).</summary>
    ResignationReceived,

    /// <summary>Internal: MASTER heard a lower priority: answers with an advert and gratuitous ARPs.</summary>
    LowerPriorityAdvert,

    /// <summary>Internal: MASTER's Adver_Timer fired: send an advert.</summary>
    AdvertTimerExpired,
}
