using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// The deterministic discrete-event simulator: drives one <see cref="VrrpRouter"/> per started node
/// over a simulated network in virtual time (integer microseconds). One event queue ordered by
/// (time, sequence) and one seed split per component make a run a pure function of the scenario
/// and the seed. See sim/README.md for the network, pause, drift and data-plane models.
/// </summary>
public sealed partial class Simulator
{
    private static readonly IPAddress V4Multicast = VrrpWire.MulticastGroupV4;
    private static readonly IPAddress V6Multicast = VrrpWire.MulticastGroupV6;
    private static readonly TimelineEntry[] NoEntries = [];

    private readonly Scenario _scenario;
    private readonly SimulationOptions _options;
    private readonly EventQueue _queue = new();
    private readonly SimNode[] _nodes;
    private readonly SimSegment[] _segments;
    private readonly List<ClientEntry> _clients = [];
    private readonly EventLog _log;
    private readonly RunLayout _layout;
    private readonly TimelineEntry[] _timeline;
    private static readonly int DropReasonCount = Enum.GetValues<Engine.Wire.AdvertDropReason>().Length;
    private readonly long[] _drops = new long[DropReasonCount];
    private long _now;
    private long _packetId;
    private long _eventCount;
    private long _packetsSent;
    private bool _ran;

    /// <summary>Prepares a run of <paramref name="scenario"/>; nothing happens until <see cref="Run"/>.</summary>
    public Simulator(Scenario scenario, SimulationOptions? options = null)
    {
        _scenario = scenario;
        _options = options ?? SimulationOptions.Default;
        Seed = _options.Seed ?? scenario.Seed;
        _log = new EventLog(_options.Recording);
        _layout = RunLayout.Of(scenario);

        _segments = new SimSegment[scenario.Segments.Length];
        var segIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _segments.Length; i++)
        {
            _segments[i] = new SimSegment(scenario.Segments[i], i, Seed);
            segIndex[scenario.Segments[i].Name] = i;
        }

        _nodes = new SimNode[scenario.Nodes.Length];
        for (int n = 0; n < _nodes.Length; n++)
        {
            NodeSpec spec = scenario.Nodes[n];
            var ifaces = new SimIface[spec.Interfaces.Length];
            for (int i = 0; i < ifaces.Length; i++)
            {
                int seg = segIndex.TryGetValue(spec.Interfaces[i].Segment, out int s)
                    ? s
                    : throw new ArgumentException($"node {spec.Name}: unknown segment '{spec.Interfaces[i].Segment}'", nameof(scenario));
                ifaces[i] = new SimIface(spec.Interfaces[i], i, seg);
                _segments[seg].Members.Add((n, i));
            }

            _nodes[n] = new SimNode(spec, n, ifaces)
            {
                Config = spec.Config with { PacketPolicy = _options.ImplementationOf(spec).PacketPolicy() },
            };
        }

        // Every VIP configured on an interface of a segment is used continuously by that segment's client.
        foreach ((string segment, IPAddress vip) in _layout.Clients)
        {
            int seg = segIndex[segment];
            _segments[seg].Views.Add(_clients.Count);
            _clients.Add(new ClientEntry(segment, vip, seg, SimRandom.ForComponent(Seed, "client/", segment, "/", vip.ToString())));
        }

        Instances = _layout.Instances;
        _timeline = scenario.Timeline.IsDefaultOrEmpty ? NoEntries : [.. scenario.Timeline];
    }

    /// <summary>The seed in force (the option's, else the scenario's).</summary>
    public ulong Seed { get; }

    /// <summary>Every VRRP instance of every node.</summary>
    public ImmutableArray<InstanceInfo> Instances { get; }

    /// <summary>Runs the scenario to its <c>duration</c>. A simulator runs once.</summary>
    public SimulationResult Run()
    {
        if (_ran)
        {
            throw new InvalidOperationException("a Simulator runs once; create a new one");
        }

        _ran = true;
        long end = _scenario.Duration.Microseconds;
        foreach (SimNode n in _nodes)
        {
            n.HostUp = true;
        }

        if (_scenario.Autostart)
        {
            Push(0, new SimEvent(SimEventType.Action, -1, 0, -1, 0, null));
        }

        for (int i = 0; i < _timeline.Length; i++)
        {
            Push(_timeline[i].At.Microseconds, new SimEvent(SimEventType.Action, 0, 0, i, 0, null));
        }

        PushReplayedScriptRuns();
        StartClients();
        while (_queue.TryDequeue(end, out SimEvent ev, out long time))
        {
            _now = time;
            _eventCount++;
            Dispatch(ev);
            while (_hasNext)
            {
                // The event the queue would have given next (see PushNow), at this same instant.
                SimEvent next = _next;
                _next = default;
                _hasNext = false;
                _eventCount++;
                Dispatch(next);
            }
        }

        _now = end;
        var history = SimHistory.FromLog(_layout, _log, end);
        return new SimulationResult(_scenario, Seed, end, _log, history, _eventCount, _packetsSent) { AdvertDropsByReason = _drops };
    }

    /// <summary>A <see cref="SimEventType.ScriptDone"/> whose generation is this is a replayed run (<see cref="SimulationOptions.ScriptRunsUs"/>).</summary>
    private const long ReplayedRun = -1;

    private void PushReplayedScriptRuns()
    {
        if (_options.ScriptRunsUs is null)
        {
            return;
        }

        foreach (SimNode n in _nodes)
        {
            if (!_options.ScriptRunsUs.TryGetValue(n.Name, out IReadOnlyDictionary<string, IReadOnlyList<long>>? scripts))
            {
                continue;
            }

            foreach ((string script, IReadOnlyList<long> times) in scripts.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                foreach (long t in times.Where(t => t >= 0).Order())
                {
                    Push(t, new SimEvent(SimEventType.ScriptDone, n.Index, 0, 0, ReplayedRun, script));
                }
            }
        }
    }

    private void Push(long time, SimEvent e)
    {
        _queue.Enqueue(time, e);
    }

    /// <summary>
    /// Schedules <paramref name="e"/> at the instant being processed. When nothing else is queued for
    /// this instant, the queue would hand it out right after the current event (anything scheduled
    /// later comes after it), so it is kept aside and dispatched then without going through the queue:
    /// the same order, the same count of events, less work per script run.
    /// </summary>
    private void PushNow(SimEvent e)
    {
        if (!_hasNext && !_queue.HasEventAt(_now))
        {
            _next = e;
            _hasNext = true;
            return;
        }

        _queue.Enqueue(_now, e);
    }

    private SimEvent _next;
    private bool _hasNext;

    private static string Us(long us) => us.ToString(CultureInfo.InvariantCulture);

    private static bool IsMulticast(IPAddress a) => a.Equals(V4Multicast) || a.Equals(V6Multicast) || a.IsIPv6Multicast
        || (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && (a.GetAddressBytes()[0] & 0xF0) == 0xE0);
}
