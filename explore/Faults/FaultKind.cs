namespace VrrpLab.Explore.Faults;

/// <summary>The kinds of fault explore generates: every fault the simulator can apply.</summary>
public enum FaultKind
{
    /// <summary>The host powers off (silent; its addresses vanish), then boots and starts keepalived.</summary>
    Crash,

    /// <summary>keepalived is stopped gracefully (SIGTERM: a MASTER sends priority 0), then started.</summary>
    Stop,

    /// <summary>keepalived is killed (SIGKILL: no priority 0, the VIPs stay), then started.</summary>
    Kill,

    /// <summary>keepalived is restarted (SIGTERM, then started again within a few seconds).</summary>
    Restart,

    /// <summary>A tracked <c>vrrp_script</c> fails for a while, then succeeds again.</summary>
    Script,

    /// <summary>An interface loses carrier, then gets it back.</summary>
    Link,

    /// <summary>The nodes split into two groups that cannot hear each other, then heal.</summary>
    Partition,

    /// <summary>A segment loses packets at random for a while (a loss burst).</summary>
    Loss,

    /// <summary>A segment's delay and jitter rise for a while.</summary>
    Latency,

    /// <summary>A keepalived process is frozen (SIGSTOP, a VM pause) for a while.</summary>
    Pause,

    /// <summary>A node's clock runs fast or slow for a while.</summary>
    Drift,

    /// <summary>
    /// An extra host on a segment floods VRRP datagrams naming a VRID (garbage, a wrong password, the
    /// wrong version) for a while: an attack or a second cluster, not a fault of the cluster itself, so
    /// generated only when asked for (<see cref="FaultKinds.Default"/> leaves it out).
    /// </summary>
    Flood,
}
