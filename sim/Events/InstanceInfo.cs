using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Events;

/// <summary>A VRRP instance of a node, as a run knows it.</summary>
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
