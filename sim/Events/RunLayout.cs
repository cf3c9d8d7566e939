using System.Collections.Immutable;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VrrpLab.Engine.Configuration;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Events;

/// <summary>
/// The fixed facts of a scenario that its event log refers to: nodes, their interfaces and segments,
/// VRRP instances, and the VIPs each segment's client uses. The simulator and the lab derive it from
/// the same scenario, so their logs build the same kind of <see cref="SimHistory"/>.
/// </summary>
public sealed class RunLayout
{
    private RunLayout(
        ImmutableArray<string> nodes,
        ImmutableArray<ImmutableArray<string>> interfaces,
        ImmutableArray<ImmutableArray<string>> segments,
        ImmutableArray<InstanceInfo> instances,
        ImmutableArray<(string Segment, IPAddress Vip)> clients)
    {
        Nodes = nodes;
        Interfaces = interfaces;
        Segments = segments;
        Instances = instances;
        Clients = clients;
    }

    /// <summary>Node names in scenario order.</summary>
    public ImmutableArray<string> Nodes { get; }

    /// <summary>Each node's interface names, in the order the scenario lists them.</summary>
    public ImmutableArray<ImmutableArray<string>> Interfaces { get; }

    /// <summary>The segment of each node's interfaces (parallel to <see cref="Interfaces"/>).</summary>
    public ImmutableArray<ImmutableArray<string>> Segments { get; }

    /// <summary>Every VRRP instance of every node, nodes in scenario order, instances in configuration order.</summary>
    public ImmutableArray<InstanceInfo> Instances { get; }

    /// <summary>
    /// The (segment, VIP) pairs a segment client uses: every VIP configured on an interface of that
    /// segment, in first-configured order (nodes, instances, addresses), each once.
    /// </summary>
    public ImmutableArray<(string Segment, IPAddress Vip)> Clients { get; }

    /// <summary>The index of node <paramref name="name"/>, or -1.</summary>
    public int NodeIndex(string name) => Nodes.IndexOf(name);

    /// <summary>The segment of <paramref name="node"/>'s interface <paramref name="iface"/>, or null.</summary>
    public string? SegmentOf(string node, string iface)
    {
        int n = NodeIndex(node);
        if (n < 0)
        {
            return null;
        }

        int i = Interfaces[n].IndexOf(iface);
        return i < 0 ? null : Segments[n][i];
    }

    /// <summary>
    /// Layouts already derived, by the scenario's node array: a layout depends on the nodes alone, and
    /// explore runs thousands of scenarios per second that share one cluster's nodes (<c>with</c> keeps
    /// the array). Weak keys: a layout lives as long as its nodes.
    /// </summary>
    private static readonly ConditionalWeakTable<NodeSpec[], RunLayout> Cache = [];

    /// <summary>The layout of <paramref name="scenario"/> (derived once per node array).</summary>
    public static RunLayout Of(Scenario scenario)
    {
        NodeSpec[]? key = ImmutableCollectionsMarshal.AsArray(scenario.Nodes);
        if (key is null)
        {
            return Derive(scenario);
        }

        if (!Cache.TryGetValue(key, out RunLayout? layout))
        {
            layout = Derive(scenario);
            Cache.AddOrUpdate(key, layout);
        }

        return layout;
    }

    private static RunLayout Derive(Scenario scenario)
    {
        var nodes = ImmutableArray.CreateBuilder<string>();
        var interfaces = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        var segments = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        var instances = ImmutableArray.CreateBuilder<InstanceInfo>();
        var clients = ImmutableArray.CreateBuilder<(string, IPAddress)>();
        var seen = new HashSet<(string, string)>();
        for (int n = 0; n < scenario.Nodes.Length; n++)
        {
            NodeSpec spec = scenario.Nodes[n];
            nodes.Add(spec.Name);
            interfaces.Add([.. spec.Interfaces.Select(i => i.Name)]);
            segments.Add([.. spec.Interfaces.Select(i => i.Segment)]);
            string? SegmentOfIface(string name) => spec.Interfaces.FirstOrDefault(i => i.Name == name)?.Segment;
            foreach (VrrpInstanceConfig inst in spec.Config.Instances)
            {
                var vips = ImmutableArray.CreateBuilder<IPAddress>();
                foreach (VirtualAddress va in inst.VirtualAddresses.AddRange(inst.ExcludedAddresses))
                {
                    vips.Add(va.Address);
                    if (SegmentOfIface(va.Device ?? inst.Interface) is { } seg && seen.Add((seg, va.Address.ToString())))
                    {
                        clients.Add((seg, va.Address));
                    }
                }

                instances.Add(new InstanceInfo(spec.Name, n, inst.Name, inst.Interface, inst.VirtualRouterId,
                    SegmentOfIface(inst.Interface), inst.AdvertInterval, vips.ToImmutable())
                {
                    Unicast = !inst.UnicastPeers.IsDefaultOrEmpty,
                });
            }
        }

        return new RunLayout(nodes.ToImmutable(), interfaces.ToImmutable(), segments.ToImmutable(), instances.ToImmutable(), clients.ToImmutable());
    }
}
