using System.Collections.Immutable;

namespace VrrpLab.Sim.Checks.Properties;

/// <summary>
/// A property every run of a cluster under faults should satisfy: a name (used in
/// <c>property: NAME</c> and <c>vrrplab explore --property</c>), a one-line statement and why it
/// matters. The checks themselves are in <see cref="PropertyChecks"/>; docs/explore.md lists them.
/// </summary>
/// <param name="Name">Identifier, snake_case like the scenario format's other names.</param>
/// <param name="Statement">The property in one line.</param>
/// <param name="Why">What an operator loses when it breaks.</param>
public sealed record ClusterProperty(string Name, string Statement, string Why)
{
    /// <summary><c>one_master_when_quiet</c>.</summary>
    public static readonly ClusterProperty OneMasterWhenQuiet = new(
        "one_master_when_quiet",
        "At most one reachable MASTER per VRID once the network has been quiet for one settling time (Master_Down_Interval plus delays).",
        "Two MASTERs that hear each other answer ARP for the same VIP: a split brain that outlives the faults that caused it is a configuration mistake (auth, advert_int, version).");

    /// <summary><c>vip_only_on_master</c>.</summary>
    public static readonly ClusterProperty VipOnlyOnMaster = new(
        "vip_only_on_master",
        "A VIP is configured only on a host whose instance is MASTER (a host whose keepalived was SIGKILLed keeps it until keepalived starts again, as keepalived does).",
        "A VIP left on a BACKUP or a stopped host answers ARP beside the real MASTER: clients split between two hosts.");

    /// <summary><c>master_within_bound</c>.</summary>
    public static readonly ClusterProperty MasterWithinBound = new(
        "master_within_bound",
        "Every fault that leaves a healthy candidate ends with a reachable MASTER within its bound: Skew_Time after a priority-0 advert, Master_Down_Interval after silence, plus latency.",
        "The VIP's users wait exactly this long after a failure; a longer wait means the backup never took over (a FAULT that never clears, a check that never passes, a timer that never fires).");

    /// <summary><c>nopreempt_respected</c>.</summary>
    public static readonly ClusterProperty NopreemptRespected = new(
        "nopreempt_respected",
        "A node configured nopreempt never takes the VIP from a reachable, healthy MASTER that it hears without loss.",
        "nopreempt exists to avoid the second interruption when a failed host returns; keepalived silently clears it with state MASTER or priority 255.");

    /// <summary><c>no_flapping</c>.</summary>
    public static readonly ClusterProperty NoFlapping = new(
        "no_flapping",
        "No instance enters or leaves MASTER while the network has been quiet for one settling time.",
        "Every MASTER change moves the VIP: an unprovoked change is an outage nobody can explain from the faults.");

    /// <summary><c>outage_within_bound</c>.</summary>
    public static readonly ClusterProperty OutageWithinBound = new(
        "outage_within_bound",
        "After each fault, the client on the VIP's segment reaches the VIP again within the takeover bound of a healthy candidate plus two network delays (the gratuitous ARP or an ARP exchange).",
        "This is what the VIP's users experience; the bound holds on a loss-free network and says how long a failure really costs.");

    /// <summary>Every property, in the order reports list them.</summary>
    public static readonly ImmutableArray<ClusterProperty> All =
        [OneMasterWhenQuiet, VipOnlyOnMaster, MasterWithinBound, NopreemptRespected, NoFlapping, OutageWithinBound];

    /// <summary>The property called <paramref name="name"/>, or null.</summary>
    public static ClusterProperty? Find(string name)
    {
        foreach (ClusterProperty p in All)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }
}
