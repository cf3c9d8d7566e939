using System.Collections.Immutable;
using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// Everything expectations and properties need about a run, kept at every recording level:
/// state changes, VIP changes, applied actions, topology (hosts, carriers, partitions) and what each
/// segment's client experienced. Queries "at t" see the state after every event at t.
/// </summary>
public sealed class SimHistory
{
    private readonly Dictionary<(string Node, string Instance), List<StateRecord>> _byInstance = [];
    private readonly ImmutableArray<ImmutableArray<string>> _interfaces;

    /// <summary>Builds the history (the simulator does this at the end of a run).</summary>
    public SimHistory(
        ImmutableArray<string> nodes,
        ImmutableArray<ImmutableArray<string>> interfaces,
        ImmutableArray<InstanceInfo> instances,
        ImmutableArray<StateRecord> states,
        ImmutableArray<VipRecord> vips,
        ImmutableArray<ActionRecord> actions,
        ImmutableArray<TopologySnapshot> topology,
        ImmutableArray<ClientView> clients,
        long endUs)
    {
        Nodes = nodes;
        _interfaces = interfaces;
        Instances = instances;
        States = states;
        Vips = vips;
        Actions = actions;
        Topology = topology;
        Clients = clients;
        EndUs = endUs;
        foreach (StateRecord r in states)
        {
            if (!_byInstance.TryGetValue((r.Node, r.Instance), out List<StateRecord>? list))
            {
                _byInstance[(r.Node, r.Instance)] = list = [];
            }

            list.Add(r);
        }
    }

    /// <summary>Node names in scenario order.</summary>
    public ImmutableArray<string> Nodes { get; }

    /// <summary>Every configured VRRP instance.</summary>
    public ImmutableArray<InstanceInfo> Instances { get; }

    /// <summary>Every state change, in time order.</summary>
    public ImmutableArray<StateRecord> States { get; }

    /// <summary>Every VIP addition and removal, in time order.</summary>
    public ImmutableArray<VipRecord> Vips { get; }

    /// <summary>Every applied timeline action, in time order.</summary>
    public ImmutableArray<ActionRecord> Actions { get; }

    /// <summary>Topology from each change on, in time order (the first is at 0).</summary>
    public ImmutableArray<TopologySnapshot> Topology { get; }

    /// <summary>Each segment client's view of each VIP.</summary>
    public ImmutableArray<ClientView> Clients { get; }

    /// <summary>End of the run (microseconds).</summary>
    public long EndUs { get; }

    /// <summary>The state changes of one instance, in time order.</summary>
    public IReadOnlyList<StateRecord> StatesOf(string node, string instance) =>
        _byInstance.TryGetValue((node, instance), out List<StateRecord>? l) ? l : [];

    /// <summary>The state of an instance at <paramref name="timeUs"/> (INIT before it first starts).</summary>
    public VrrpState StateAt(string node, string instance, long timeUs)
    {
        IReadOnlyList<StateRecord> list = StatesOf(node, instance);
        int lo = 0;
        int hi = list.Count - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (list[mid].TimeUs <= timeUs)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? VrrpState.Init : list[found].To;
    }

    /// <summary>The topology in force at <paramref name="timeUs"/>.</summary>
    public TopologySnapshot TopologyAt(long timeUs)
    {
        int lo = 0;
        int hi = Topology.Length - 1;
        int found = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (Topology[mid].TimeUs <= timeUs)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Topology[found];
    }

    /// <summary>
    /// Whether two instances can hear each other at <paramref name="timeUs"/>: their interfaces are
    /// on the same segment (or both send unicast, which is routed between segments), both hosts are
    /// up, both carriers are up and no partition separates them.
    /// </summary>
    public bool CanReach(InstanceInfo a, InstanceInfo b, long timeUs) => CanReach(a, b, TopologyAt(timeUs));

    /// <summary><see cref="CanReach(InstanceInfo, InstanceInfo, long)"/> for a given topology.</summary>
    public bool CanReach(InstanceInfo a, InstanceInfo b, TopologySnapshot t)
    {
        if (a.Segment is null || b.Segment is null || (a.Segment != b.Segment && !(a.Unicast && b.Unicast)))
        {
            return false;
        }

        int ia = _interfaces[a.NodeIndex].IndexOf(a.Interface);
        int ib = _interfaces[b.NodeIndex].IndexOf(b.Interface);
        return ia >= 0 && ib >= 0
            && t.HostUp[a.NodeIndex] && t.HostUp[b.NodeIndex]
            && t.LinkUp[a.NodeIndex][ia] && t.LinkUp[b.NodeIndex][ib]
            && (a.NodeIndex == b.NodeIndex || t.Group[a.NodeIndex] == t.Group[b.NodeIndex]);
    }
}
