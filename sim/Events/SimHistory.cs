using System.Collections.Immutable;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Events;

/// <summary>
/// Everything expectations and properties need about a run: state changes, VIP changes, applied
/// actions, topology (hosts, carriers, partitions) and what each segment's client experienced.
/// Built from a run's typed event log (<see cref="FromLog"/>), the simulator's or the lab's alike.
/// Queries "at t" see the state after every event at t.
/// </summary>
public sealed class SimHistory
{
    private readonly Dictionary<NodeInstance, List<StateRecord>> _byInstance = [];
    private readonly ImmutableArray<ImmutableArray<string>> _interfaces;

    /// <summary>Builds a history from its parts (tests build small ones by hand).</summary>
    public SimHistory(
        ImmutableArray<string> nodes,
        ImmutableArray<ImmutableArray<string>> interfaces,
        ImmutableArray<InstanceInfo> instances,
        ImmutableArray<StateRecord> states,
        ImmutableArray<VipRecord> vips,
        ImmutableArray<ActionRecord> actions,
        ImmutableArray<TopologySnapshot> topology,
        ImmutableArray<ClientView> clients,
        long endUs,
        IReadOnlyList<RunEvent>? log = null)
    {
        Log = log ?? [];
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
            if (!_byInstance.TryGetValue(new NodeInstance(r.Node, r.Instance), out List<StateRecord>? list))
            {
                _byInstance[new NodeInstance(r.Node, r.Instance)] = list = [];
            }

            list.Add(r);
        }
    }

    /// <summary>The event log the history was built from (empty for a history built from its parts).</summary>
    public IReadOnlyList<RunEvent> Log { get; }

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

    /// <summary>
    /// Builds the history of a run of <paramref name="layout"/> ending at <paramref name="endUs"/> from
    /// its event log (time-ordered; only the kinds <see cref="EventLog.IsHistory"/> names are read).
    /// Every host and carrier is up and every node in one partition group at 0; every client starts
    /// without the VIP.
    /// </summary>
    public static SimHistory FromLog(RunLayout layout, IReadOnlyList<RunEvent> log, long endUs)
    {
        int nodes = layout.Nodes.Length;
        bool[] hostUp = [.. Enumerable.Repeat(true, nodes)];
        bool[][] linkUp = [.. layout.Interfaces.Select(i => Enumerable.Repeat(true, i.Length).ToArray())];
        int[] group = new int[nodes];
        var topology = new List<TopologySnapshot>();
        void Snapshot(long t)
        {
            var snap = new TopologySnapshot(t, [.. hostUp], [.. linkUp.Select(l => l.ToImmutableArray())], [.. group]);
            if (topology.Count > 0 && topology[^1].TimeUs == t)
            {
                topology[^1] = snap;
            }
            else
            {
                topology.Add(snap);
            }
        }

        Snapshot(0);
        var clients = new List<ClientView>();
        var clientIndex = new Dictionary<(string Segment, System.Net.IPAddress Vip), ClientView>();
        foreach ((string segment, System.Net.IPAddress vip) in layout.Clients)
        {
            var view = new ClientView(segment, vip);
            view.Outages.Add((0, long.MaxValue));
            clients.Add(view);
            clientIndex[(segment, vip)] = view;
        }

        // Exact sizes first (the log holds few events at the recording levels explore uses), so the
        // arrays are allocated once and handed over without a copy.
        int stateCount = 0;
        int vipCount = 0;
        int actionCount = 0;
        for (int i = 0; i < log.Count; i++)
        {
            switch (log[i])
            {
                case StateRecord:
                    stateCount++;
                    break;
                case VipRecord:
                    vipCount++;
                    break;
                case ActionRecord:
                    actionCount++;
                    break;
            }
        }

        var states = ImmutableArray.CreateBuilder<StateRecord>(stateCount);
        var vips = ImmutableArray.CreateBuilder<VipRecord>(vipCount);
        var actions = ImmutableArray.CreateBuilder<ActionRecord>(actionCount);
        for (int i = 0; i < log.Count; i++)
        {
            RunEvent e = log[i];
            switch (e)
            {
                case StateRecord s:
                    states.Add(s);
                    break;
                case VipRecord v:
                    vips.Add(v);
                    if (v.Added && layout.SegmentOf(v.Node, v.Interface) is { } seg
                        && clientIndex.TryGetValue((seg, v.Address), out ClientView? acquired))
                    {
                        acquired.FirstAcquiredUs ??= v.TimeUs;
                    }

                    break;
                case ActionRecord a:
                    actions.Add(a);
                    if (a.Action is PartitionAction p)
                    {
                        Array.Clear(group);
                        for (int g = 0; g < p.Groups.Length; g++)
                        {
                            foreach (string n in p.Groups[g])
                            {
                                if (layout.NodeIndex(n) is var ni and >= 0)
                                {
                                    group[ni] = g + 1;
                                }
                            }
                        }

                        Snapshot(a.TimeUs);
                    }
                    else if (a.Action is HealAction)
                    {
                        Array.Clear(group);
                        Snapshot(a.TimeUs);
                    }

                    break;
                case HostRecord h when layout.NodeIndex(h.Node) is var hi and >= 0:
                    hostUp[hi] = h.Up;
                    Snapshot(h.TimeUs);
                    break;
                case LinkRecord l when layout.NodeIndex(l.Node) is var li and >= 0 && layout.Interfaces[li].IndexOf(l.Interface) is var ii and >= 0:
                    linkUp[li][ii] = l.Up;
                    Snapshot(l.TimeUs);
                    break;
                case ClientArpRecord { Owner: { } owner } c when clientIndex.TryGetValue((c.Segment, c.Vip), out ClientView? entry):
                    entry.Neighbours.Add((c.TimeUs, owner, c.Interface ?? ""));
                    break;
                case ReachRecord r when clientIndex.TryGetValue((r.Segment, r.Vip), out ClientView? view):
                    List<(long Start, long End)> outages = view.Outages;
                    if (r.Reachable && outages.Count > 0 && outages[^1].End == long.MaxValue)
                    {
                        outages[^1] = (outages[^1].Start, r.TimeUs);
                    }
                    else if (!r.Reachable && (outages.Count == 0 || outages[^1].End != long.MaxValue))
                    {
                        outages.Add((r.TimeUs, long.MaxValue));
                    }

                    break;
            }
        }

        return new SimHistory(
            layout.Nodes, layout.Interfaces, layout.Instances, states.MoveToImmutable(), vips.MoveToImmutable(), actions.MoveToImmutable(),
            [.. topology], [.. clients], endUs, log);
    }

    /// <summary>The client view of <paramref name="vip"/> on <paramref name="segment"/>, or null.</summary>
    public ClientView? ClientOf(string segment, System.Net.IPAddress vip) =>
        Clients.FirstOrDefault(c => c.Segment == segment && c.Vip.Equals(vip));

    /// <summary>The state changes of one instance, in time order.</summary>
    public IReadOnlyList<StateRecord> StatesOf(string node, string instance) =>
        _byInstance.TryGetValue(new NodeInstance(node, instance), out List<StateRecord>? l) ? l : [];

    /// <summary>The state of an instance at <paramref name="timeUs"/> (INIT before it first starts).</summary>
    public VrrpState StateAt(string node, string instance, long timeUs)
    {
        IReadOnlyList<StateRecord> list = StatesOf(node, instance);
        int found = LastAtOrBefore<IReadOnlyList<StateRecord>, StateRecord>(list, timeUs, static r => r.TimeUs);
        return found < 0 ? VrrpState.Init : list[found].To;
    }

    /// <summary>The topology in force at <paramref name="timeUs"/>.</summary>
    public TopologySnapshot TopologyAt(long timeUs)
    {
        // The first snapshot (time 0) also stands for any earlier time.
        int found = Math.Max(0, LastAtOrBefore<ImmutableArray<TopologySnapshot>, TopologySnapshot>(Topology, timeUs, static t => t.TimeUs));
        return Topology[found];
    }

    /// <summary>The index of the last item of a time-ordered list at or before <paramref name="timeUs"/>, or -1 (binary search).</summary>
    private static int LastAtOrBefore<TList, T>(TList list, long timeUs, Func<T, long> timeOf)
        where TList : IReadOnlyList<T>
    {
        int lo = 0;
        int hi = list.Count - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (timeOf(list[mid]) <= timeUs)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>
    /// Whether two instances can hear each other at <paramref name="timeUs"/>: their interfaces are
    /// on the same segment (or both send unicast, routed between segments), both hosts are up, both
    /// carriers are up and no partition separates them.
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

    /// <summary>
    /// A (node, instance) key, compared as ordinal strings and hashed cheaply: property checks look an
    /// instance's states up thousands of times a run, and a tuple key runs the randomized (Marvin) string
    /// hash over both names every time. The names of one run are few and mostly the same string objects,
    /// so equality usually ends at the reference check. A struct with its own equality, so the dictionary's
    /// default comparer calls it directly (no interface call per probe in the NativeAOT build).
    /// </summary>
    private readonly struct NodeInstance(string node, string instance) : IEquatable<NodeInstance>
    {
        private readonly string _node = node;
        private readonly string _instance = instance;

        public bool Equals(NodeInstance other) =>
            string.Equals(_node, other._node, StringComparison.Ordinal) && string.Equals(_instance, other._instance, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is NodeInstance other && Equals(other);

        public override int GetHashCode() => (Cheap(_node) * 31) + Cheap(_instance);

        // Length and the last two characters: names in one cluster differ mostly at the end (lb1, lb2; VI_1, VI_2).
        private static int Cheap(string s) => s.Length == 0 ? 0 : (s.Length * 65599) ^ (s[^1] << 8) ^ (s.Length > 1 ? s[^2] : 0);
    }
}
