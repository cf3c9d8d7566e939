namespace VrrpLab.Engine.StateMachine;

/// <summary>The states of a VRRP instance, as keepalived names them.</summary>
public enum VrrpState
{
    /// <summary>Configured, not yet started.</summary>
    Init,

    /// <summary>Listening for the master's adverts; takes over when they stop.</summary>
    Backup,

    /// <summary>Holds the virtual addresses and advertises every interval.</summary>
    Master,

    /// <summary>A tracked script or interface failed: silent, holds nothing, ignores packets.</summary>
    Fault,

    /// <summary>Shut down.</summary>
    Stop,
}
