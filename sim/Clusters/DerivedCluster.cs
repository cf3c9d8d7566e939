using System.Collections.Immutable;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Clusters;

/// <summary>
/// A cluster "as <c>vrrplab check</c> derives it" from one keepalived.conf per host: the hosts as
/// scenario nodes, their interfaces and addresses (with where each came from), one segment per
/// subnet (each with its client), and every VIP with the instances that may hold it. Build it with
/// <see cref="ClusterDerivation.Derive"/>; run it with <see cref="Scenario"/>.
/// </summary>
/// <param name="Hosts">The input, in order.</param>
/// <param name="Nodes">One node per host, same order.</param>
/// <param name="Segments">One per subnet, in order of first use (the first is <c>lan</c>).</param>
/// <param name="Interfaces">Every interface of every node, with its address's origin.</param>
/// <param name="Vips">Every virtual address, in order of first appearance.</param>
/// <param name="AdvertInterval">The longest advert interval of any instance.</param>
/// <param name="MaxMasterDown">The longest Master_Down_Interval of any instance at its lowest effective priority, plus the longest <c>vrrp_startup_delay</c>.</param>
public sealed record DerivedCluster(
    ImmutableArray<ClusterHost> Hosts,
    ImmutableArray<NodeSpec> Nodes,
    ImmutableArray<SegmentSpec> Segments,
    ImmutableArray<DerivedInterface> Interfaces,
    ImmutableArray<VipPlacement> Vips,
    Duration AdvertInterval,
    Duration MaxMasterDown)
{
    /// <summary>The one-way delay of every derived segment.</summary>
    public static readonly Duration Latency = Duration.FromMicroseconds(100);

    /// <summary>The node built from <paramref name="file"/>, or null.</summary>
    public NodeSpec? NodeOf(string file)
    {
        for (int i = 0; i < Hosts.Length; i++)
        {
            if (Hosts[i].File == file)
            {
                return Nodes[i];
            }
        }

        return null;
    }

    /// <summary>The file node <paramref name="node"/> was built from.</summary>
    public string FileOf(string node) => Hosts[Nodes.IndexOf(Nodes.First(n => n.Name == node))].File;

    /// <summary>The derived interfaces of <paramref name="node"/>.</summary>
    public IEnumerable<DerivedInterface> InterfacesOf(string node) => Interfaces.Where(i => i.Node == node);

    /// <summary>A scenario of this cluster: every host starts at 0s (<c>autostart</c>), then <paramref name="timeline"/>.</summary>
    public Scenario Scenario(string name, Duration duration, IEnumerable<TimelineEntry> timeline, IEnumerable<Expectation>? expectations = null) => new()
    {
        Name = name,
        Duration = duration,
        Autostart = true,
        Segments = Segments,
        Nodes = Nodes,
        Timeline = [.. timeline],
        Expectations = expectations is null ? [] : [.. expectations],
    };
}
