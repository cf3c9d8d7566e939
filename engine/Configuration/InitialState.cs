namespace VrrpLab.Engine.Configuration;

/// <summary>The keepalived <c>state</c> keyword.</summary>
public enum InitialState
{
    /// <summary><c>state BACKUP</c> (keepalived's default).</summary>
    Backup,

    /// <summary><c>state MASTER</c>: below priority 255 it still waits one Master_Down_Interval.</summary>
    Master,
}
