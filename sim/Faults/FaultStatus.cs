namespace VrrpLab.Sim.Faults;

/// <summary>What a fault (or pair of faults) did to the VIPs, as their clients saw it.</summary>
public enum FaultStatus
{
    /// <summary>Every VIP was held by exactly one host while the faults lasted and after they healed.</summary>
    Ok,

    /// <summary>A VIP was held by nobody while the faults lasted because no host able to hold it was left: what these faults do to any cluster of these hosts.</summary>
    Lost,

    /// <summary>A VIP was held by two hosts while the faults lasted because they could not hear each other (partition, pause, SIGKILL's stale VIP): what these faults do to VRRP.</summary>
    Split,

    /// <summary>A VIP moved back and forth while the faults lasted (garbage naming its VRID silenced its MASTER): what the segment lets anyone do to keepalived.</summary>
    Flap,

    /// <summary>A configuration problem made it worse: no takeover although a host could, two MASTERs that hear each other, a check that does not move the VIP, or no single holder after the faults healed.</summary>
    Fail,
}
