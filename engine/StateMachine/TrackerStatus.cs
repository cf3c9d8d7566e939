namespace VrrpLab.Engine.StateMachine;

/// <summary>What a tracked object (a <c>vrrp_script</c> or a tracked interface) reports.</summary>
public enum TrackerStatus
{
    /// <summary>No result yet (a script before its first run): a weight adds nothing.</summary>
    Unknown,

    /// <summary>The script succeeds, or the interface is up.</summary>
    Ok,

    /// <summary>The script fails, or the interface is down.</summary>
    Failed,
}
