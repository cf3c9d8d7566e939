// Over 400 lines: every fact the properties read is computed in one pass over one run; splitting would scatter that pass.
using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Checks.Properties;

/// <summary>
/// What the property checks need to know about a run beyond its history: each instance's
/// configuration and timer bounds, when processes were paused, when segments lost packets, how
/// slow a node's clock ran, and when the network was quiet. Computed once per run from the
/// scenario and the applied actions. All times are integer microseconds.
/// </summary>
internal sealed class RunFacts
{
    private readonly List<(long Start, long End)>[] _paused;
    private readonly List<(long Start, long End)>[] _lossy;
    private readonly List<(long Start, long End)>[] _jittery;
    private readonly List<(long Start, long End)> _quiet = [];
    private readonly List<(int Segment, long Start, long End)> _flooded = [];

    public RunFacts(Scenario scenario, SimHistory history)
    {
        History = history;
        Instances = history.Instances;
        int n = Instances.Length;
        Configs = new VrrpInstanceConfig[n];
        var segIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < scenario.Segments.Length; s++)
        {
            segIndex[scenario.Segments[s].Name] = s;
        }

        SegmentOf = new int[n];
        IfaceOf = new int[n];
        for (int k = 0; k < n; k++)
        {
            InstanceInfo info = Instances[k];
            RouterConfig rc = scenario.Nodes[info.NodeIndex].Config;
            foreach (VrrpInstanceConfig c in rc.Instances)
            {
                if (c.Name == info.Instance)
                {
                    Configs[k] = c;
                }
            }

            SegmentOf[k] = info.Segment is { } seg && segIndex.TryGetValue(seg, out int si) ? si : -1;
            IfaceOf[k] = -1;
            ImmutableArray<InterfaceSpec> ifaces = scenario.Nodes[info.NodeIndex].Interfaces;
            for (int x = 0; x < ifaces.Length; x++)
            {
                if (ifaces[x].Name == info.Interface)
                {
                    IfaceOf[k] = x;
                }
            }
        }

        int nodes = scenario.Nodes.Length;
        NodeInterfaces = [.. scenario.Nodes.Select(x => x.Interfaces)];
        _paused = new List<(long, long)>[nodes];
        for (int i = 0; i < nodes; i++)
        {
            _paused[i] = [];
        }

        _lossy = new List<(long, long)>[scenario.Segments.Length];
        var maxDelay = new long[scenario.Segments.Length];
        var lossFrom = new long[scenario.Segments.Length];
        _jittery = new List<(long, long)>[scenario.Segments.Length];
        var jitterFrom = new long[scenario.Segments.Length];
        for (int s = 0; s < scenario.Segments.Length; s++)
        {
            _lossy[s] = [];
            _jittery[s] = [];
            SegmentSpec spec = scenario.Segments[s];
            maxDelay[s] = spec.Latency.Microseconds + spec.Jitter.Microseconds;
            lossFrom[s] = spec.Loss.PartsPerMillion > 0 ? 0 : -1;
            jitterFrom[s] = spec.Jitter.Microseconds > 0 ? 0 : -1;
        }

        var minRate = new double[nodes];
        Array.Fill(minRate, 1.0);
        var disturbances = new List<long>();
        var nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes; i++)
        {
            nodeIndex[scenario.Nodes[i].Name] = i;
        }

        foreach (ActionRecord a in history.Actions)
        {
            disturbances.Add(a.TimeUs);
            switch (a.Action)
            {
                case PauseAction p when nodeIndex.TryGetValue(p.Node, out int pi):
                    _paused[pi].Add((a.TimeUs, a.TimeUs + p.For.Microseconds));
                    disturbances.Add(a.TimeUs + p.For.Microseconds);
                    break;
                case LossAction l when segIndex.TryGetValue(l.Segment, out int ls):
                    if (l.Rate.PartsPerMillion > 0 && lossFrom[ls] < 0)
                    {
                        lossFrom[ls] = a.TimeUs;
                    }
                    else if (l.Rate.PartsPerMillion == 0 && lossFrom[ls] >= 0)
                    {
                        _lossy[ls].Add((lossFrom[ls], a.TimeUs));
                        lossFrom[ls] = -1;
                    }

                    break;
                case LatencyAction l when segIndex.TryGetValue(l.Segment, out int ts):
                    long jitter = (l.Jitter ?? scenario.Segments[ts].Jitter).Microseconds;
                    maxDelay[ts] = Math.Max(maxDelay[ts], l.Value.Microseconds + jitter);
                    if (jitter > 0 && jitterFrom[ts] < 0)
                    {
                        jitterFrom[ts] = a.TimeUs;
                    }
                    else if (jitter == 0 && jitterFrom[ts] >= 0)
                    {
                        _jittery[ts].Add((jitterFrom[ts], a.TimeUs));
                        jitterFrom[ts] = -1;
                    }

                    break;
                case FloodAction f:
                    // A flood disturbs the cluster for as long as it lasts, like a pause.
                    _flooded.Add((segIndex.TryGetValue(f.Segment, out int fs) ? fs : -1, a.TimeUs, a.TimeUs + f.For.Microseconds));
                    disturbances.Add(a.TimeUs + f.For.Microseconds);
                    break;
                case DriftAction d when nodeIndex.TryGetValue(d.Node, out int di):
                    minRate[di] = Math.Min(minRate[di], d.Rate.Numerator / (double)d.Rate.Denominator);
                    break;
            }
        }

        for (int s = 0; s < lossFrom.Length; s++)
        {
            if (lossFrom[s] >= 0)
            {
                _lossy[s].Add((lossFrom[s], long.MaxValue));
            }

            if (jitterFrom[s] >= 0)
            {
                _jittery[s].Add((jitterFrom[s], long.MaxValue));
            }
        }

        MaxDelayUs = 0;
        foreach (long d in maxDelay)
        {
            MaxDelayUs = Math.Max(MaxDelayUs, d);
        }

        // Timer bounds per instance (docs/domain.md section 3), with the lowest priority the
        // instance can have (negative weights all applied: the longest Skew_Time) and, for v3, the
        // longest interval of a peer (a v3 backup learns the master's interval).
        MasterDownUs = new long[n];
        SkewUs = new long[n];
        SettleUs = 0;
        long longestScript = 0;
        foreach (NodeSpec node in scenario.Nodes)
        {
            foreach (TrackedScript s in node.Config.Scripts)
            {
                longestScript = Math.Max(longestScript, (Math.Max(s.Rise, s.Fall) * s.Interval.Microseconds) + s.Timeout.Microseconds);
            }
        }

        long longestInterval = 0;
        long longestPreemptDelay = 0;
        for (int k = 0; k < n; k++)
        {
            VrrpInstanceConfig c = Configs[k];
            if (c is null)
            {
                continue;
            }

            long interval = c.AdvertInterval.Microseconds;
            if (c.Version == VrrpVersion.V3)
            {
                for (int j = 0; j < n; j++)
                {
                    if (Configs[j] is { } o && Instances[j].Vrid == Instances[k].Vrid && SegmentOf[j] == SegmentOf[k])
                    {
                        interval = Math.Max(interval, o.AdvertInterval.Microseconds);
                    }
                }
            }

            longestInterval = Math.Max(longestInterval, interval);
            int prio = LowestPriority(c, scenario.Nodes[Instances[k].NodeIndex].Config);
            long basis = c.Version == VrrpVersion.V2 ? 1_000_000 : interval;
            long skew = (256 - prio) * basis / 256;
            double rate = minRate[Instances[k].NodeIndex];
            SkewUs[k] = Scale(skew, rate);
            MasterDownUs[k] = Scale((c.DownTimerAdverts * interval) + skew, rate)
                + scenario.Nodes[Instances[k].NodeIndex].Config.StartupDelay.Microseconds;
            longestPreemptDelay = Math.Max(longestPreemptDelay, c.EffectivePreemptDelay.Microseconds);
            SettleUs = Math.Max(SettleUs, MasterDownUs[k]);
        }

        // Sync groups go MASTER together: a member waits for the slowest member's timer.
        InSyncGroup = new bool[n];
        for (int k = 0; k < n; k++)
        {
            RouterConfig rc = scenario.Nodes[Instances[k].NodeIndex].Config;
            foreach (SyncGroupConfig g in rc.SyncGroups)
            {
                if (!g.Instances.Contains(Instances[k].Instance))
                {
                    continue;
                }

                InSyncGroup[k] = true;
                for (int j = 0; j < n; j++)
                {
                    if (Instances[j].NodeIndex == Instances[k].NodeIndex && g.Instances.Contains(Instances[j].Instance))
                    {
                        MasterDownUs[k] = Math.Max(MasterDownUs[k], MasterDownUs[j]);
                    }
                }
            }
        }

        // After a disturbance: a script result needs up to max(rise, fall) runs to register; an
        // election needs one Master_Down_Interval; a preempting node that hears the new (lower)
        // MASTER waits preempt_delay and one more Master_Down_Interval; then the loser hears the
        // winner's next advert.
        SettleUs = longestScript + (2 * SettleUs) + longestPreemptDelay + longestInterval + (2 * MaxDelayUs) + 1;

        disturbances.Sort();
        Disturbances = [.. disturbances];
        BuildQuiet(history.EndUs);
    }

    public SimHistory History { get; }

    /// <summary>The instants at which a property's judgement can change (computed once, read-only after; <c>PropertyChecks.ChangePoints</c>).</summary>
    public List<long>? ChangePoints { get; set; }

    public ImmutableArray<InstanceInfo> Instances { get; }

    /// <summary>Each instance's configuration (null if the node lacks it).</summary>
    public VrrpInstanceConfig[] Configs { get; }

    /// <summary>Each node's interfaces, in the topology's carrier order.</summary>
    public ImmutableArray<ImmutableArray<InterfaceSpec>> NodeInterfaces { get; }

    /// <summary>Each instance's segment index (-1: none).</summary>
    public int[] SegmentOf { get; }

    /// <summary>Index of each instance's interface in its node's interface list (the topology's carrier order; -1: none).</summary>
    public int[] IfaceOf { get; }

    /// <summary>The longest Master_Down_Interval the instance can run (lowest priority, slowest clock, startup delay).</summary>
    public long[] MasterDownUs { get; }

    /// <summary>Whether the instance is in a <c>vrrp_sync_group</c> (its Master_Down_Interval is then the group's longest).</summary>
    public bool[] InSyncGroup { get; private set; } = [];

    /// <summary>The longest Skew_Time the instance can run.</summary>
    public long[] SkewUs { get; }

    /// <summary>The longest one-way delay (latency plus jitter) of any segment during the run.</summary>
    public long MaxDelayUs { get; }

    /// <summary>How long the network needs after a disturbance before it must be stable.</summary>
    public long SettleUs { get; }

    /// <summary>Every instant something happened to the cluster (actions, ends of pauses and floods), sorted.</summary>
    public ImmutableArray<long> Disturbances { get; }

    /// <summary>Whether <paramref name="node"/>'s process is frozen at <paramref name="t"/>.</summary>
    public bool Paused(int node, long t) => Inside(_paused[node], t);

    /// <summary>Whether <paramref name="node"/>'s process is frozen at some instant of [a, b].</summary>
    public bool PausedDuring(int node, long a, long b) => Overlaps(_paused[node], a, b);

    /// <summary>Whether the segment loses packets at <paramref name="t"/>.</summary>
    public bool Lossy(int segment, long t) => segment >= 0 && Inside(_lossy[segment], t);

    /// <summary>Whether the segment loses packets at some instant of [a, b].</summary>
    public bool LossyDuring(int segment, long a, long b) => segment >= 0 && Overlaps(_lossy[segment], a, b);

    /// <summary>Whether <paramref name="segment"/> delivered with jitter at <paramref name="t"/> (packets sent together may arrive out of order).</summary>
    public bool Jittery(int segment, long t) => segment >= 0 && Inside(_jittery[segment], t);

    /// <summary>
    /// Whether a flood ran on <paramref name="segment"/> at some instant of [a, b] (keepalived's MASTER may
    /// then have stayed silent: each datagram naming its VRID restarts its advert timer).
    /// </summary>
    public bool FloodedDuring(int segment, long a, long b)
    {
        foreach ((int s, long start, long stop) in _flooded)
        {
            if (s == segment && start <= b && a <= stop)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Pause starts and ends of a node.</summary>
    public List<(long Start, long End)> Pauses(int node) => _paused[node];

    /// <summary>Loss periods of a segment.</summary>
    public List<(long Start, long End)> LossPeriods(int segment) => segment >= 0 ? _lossy[segment] : [];

    /// <summary>
    /// The quiet periods [start, end): no action and no end of a pause within the settling time
    /// before, no process paused and no segment losing packets.
    /// </summary>
    public IReadOnlyList<(long Start, long End)> Quiet => _quiet;

    /// <summary>The first quiet instant in [a, b), or null.</summary>
    public long? FirstQuiet(long a, long b)
    {
        foreach ((long s, long e) in _quiet)
        {
            long from = Math.Max(s, a);
            if (from < Math.Min(e, b))
            {
                return from;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="t"/> is quiet.</summary>
    public bool IsQuiet(long t) => Inside(_quiet, t);

    /// <summary>The latest disturbance at or before <paramref name="t"/> (or 0).</summary>
    public long LastDisturbance(long t)
    {
        long last = 0;
        foreach (long d in Disturbances)
        {
            if (d > t)
            {
                break;
            }

            last = d;
        }

        return last;
    }

    /// <summary>Whether the instance is running, reachable on its segment and not frozen at <paramref name="t"/>.</summary>
    public bool Healthy(int k, TopologySnapshot topo, long t)
    {
        InstanceInfo i = Instances[k];
        VrrpState st = History.StateAt(i.Node, i.Instance, t);
        if (st is not (VrrpState.Backup or VrrpState.Master) || Paused(i.NodeIndex, t) || !topo.HostUp[i.NodeIndex])
        {
            return false;
        }

        int iface = IfaceOf[k];
        return iface >= 0 && topo.LinkUp[i.NodeIndex][iface];
    }

    private static long Scale(long us, double rate) => rate >= 1.0 ? us : (long)Math.Ceiling(us / rate);

    private static int LowestPriority(VrrpInstanceConfig c, RouterConfig rc)
    {
        if (c.Priority == 255)
        {
            return 255;
        }

        int p = c.Priority;
        foreach (ScriptTrack t in c.TrackScripts)
        {
            int w = t.Weight ?? FindWeight(rc, t.Name);
            if (w < 0)
            {
                p += w;
            }
        }

        foreach (InterfaceTrack t in c.TrackInterfaces)
        {
            if (t.Weight < 0)
            {
                p += t.Weight;
            }
        }

        return Math.Clamp(p, 1, 254);
    }

    private static int FindWeight(RouterConfig rc, string script)
    {
        foreach (TrackedScript s in rc.Scripts)
        {
            if (s.Name == script)
            {
                return s.Weight;
            }
        }

        return 0;
    }

    private void BuildQuiet(long end)
    {
        var disturbed = new List<(long Start, long End)> { (0, SettleUs) };
        foreach (long d in Disturbances)
        {
            disturbed.Add((d, d + SettleUs));
        }

        foreach (List<(long, long)> p in _paused)
        {
            disturbed.AddRange(p);
        }

        foreach ((int _, long start, long stop) in _flooded)
        {
            disturbed.Add((start, stop));
        }

        foreach (List<(long, long)> l in _lossy)
        {
            disturbed.AddRange(l);
        }

        disturbed.Sort((x, y) => x.Start.CompareTo(y.Start));
        long cursor = 0;
        foreach ((long s, long e) in disturbed)
        {
            if (s > cursor)
            {
                _quiet.Add((cursor, Math.Min(s, end)));
            }

            cursor = Math.Max(cursor, e);
            if (cursor >= end)
            {
                return;
            }
        }

        if (cursor < end)
        {
            _quiet.Add((cursor, end));
        }
    }

    private static bool Inside(List<(long Start, long End)> spans, long t)
    {
        foreach ((long s, long e) in spans)
        {
            if (s <= t && t < e)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(List<(long Start, long End)> spans, long a, long b)
    {
        foreach ((long s, long e) in spans)
        {
            if (s <= b && a < e)
            {
                return true;
            }
        }

        return false;
    }
}
