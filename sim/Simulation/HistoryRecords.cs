using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>An instance changed state (from the engine, or STOP when the simulator ended the process).</summary>
public sealed record StateRecord(long TimeUs, string Node, string Instance, byte Vrid, VrrpState From, VrrpState To, string Cause);

/// <summary>A VIP appeared on or disappeared from a host's interface.</summary>
public sealed record VipRecord(long TimeUs, string Node, string Instance, string Interface, IPAddress Address, bool Added, string Cause);

/// <summary>A timeline entry was applied.</summary>
public sealed record ActionRecord(long TimeUs, TimelineAction Action);

/// <summary>A VRRP instance of a node as the simulation knows it.</summary>
/// <param name="Node">Node name.</param>
/// <param name="NodeIndex">Index of the node in the scenario.</param>
/// <param name="Instance">Instance name.</param>
/// <param name="Interface">The instance's <c>interface</c>.</param>
/// <param name="Vrid">virtual_router_id.</param>
/// <param name="Segment">Segment of the instance's interface (null if the node lacks it).</param>
/// <param name="AdvertInterval">Configured advert interval.</param>
/// <param name="Vips">Its virtual addresses (carried and excluded).</param>
public sealed record InstanceInfo(string Node, int NodeIndex, string Instance, string Interface, byte Vrid, string? Segment, Duration AdvertInterval, ImmutableArray<IPAddress> Vips)
{
    /// <summary>True when the instance sends to <c>unicast_peer</c>s: its adverts are routed, so it reaches peers on other segments.</summary>
    public bool Unicast { get; init; }
}

/// <summary>Who could reach whom from <see cref="TimeUs"/> on: hosts up, carriers, partition groups.</summary>
public sealed record TopologySnapshot(long TimeUs, ImmutableArray<bool> HostUp, ImmutableArray<ImmutableArray<bool>> LinkUp, ImmutableArray<int> Group);

/// <summary>
/// One VIP as a segment's client sees it: when it was first configured anywhere on the segment and
/// every interval during which the client could not reach it (end = <see cref="long.MaxValue"/> while open).
/// </summary>
public sealed class ClientView(string segment, IPAddress vip)
{
    /// <summary>The segment.</summary>
    public string Segment { get; } = segment;

    /// <summary>The VIP.</summary>
    public IPAddress Vip { get; } = vip;

    /// <summary>When a host on the segment first held the VIP (null: never).</summary>
    public long? FirstAcquiredUs { get; internal set; }

    /// <summary>Intervals [start, end) during which the client could not reach the VIP, in time order.</summary>
    public List<(long Start, long End)> Outages { get; } = [];
}
