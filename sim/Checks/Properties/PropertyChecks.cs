// Over 400 lines: one check per cluster property, each a short method over the same run facts.
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Checks.Properties;

/// <summary>
/// Checks the cluster properties (<see cref="ClusterProperty"/>) on one run, exactly, from the
/// history and the applied actions. Each check returns a <see cref="Verdict"/> whose evidence names
/// the nodes, the times and the bound, so a counterexample explains itself.
/// </summary>
public static class PropertyChecks
{
    /// <summary>Checks <paramref name="e"/> on a run of <paramref name="scenario"/>.</summary>
    public static Verdict Evaluate(PropertyExpectation e, Scenario scenario, SimHistory history) =>
        Evaluate(e, new RunFacts(scenario, history));

    /// <summary>Checks several properties on one run, sharing the per-run facts.</summary>
    public static Verdict[] EvaluateAll(IReadOnlyList<PropertyExpectation> properties, Scenario scenario, SimHistory history)
    {
        var facts = new RunFacts(scenario, history);
        var verdicts = new Verdict[properties.Count];
        for (int i = 0; i < verdicts.Length; i++)
        {
            verdicts[i] = Evaluate(properties[i], facts);
        }

        return verdicts;
    }

    private static Verdict Evaluate(PropertyExpectation e, RunFacts f) => e.Property switch
    {
        "one_master_when_quiet" => OneMasterWhenQuiet(e, f),
        "vip_only_on_master" => VipOnlyOnMaster(e, f),
        "master_within_bound" => MasterWithinBound(e, f),
        "nopreempt_respected" => NopreemptRespected(e, f),
        "no_flapping" => NoFlapping(e, f),
        "outage_within_bound" => OutageWithinBound(e, f),
        _ => new Verdict(e, false, $"unknown property '{e.Property}'"),
    };

    private static string T(long us) => us == long.MaxValue ? "the end" : Duration.FormatSeconds(us);

    private static string S(VrrpState s) => s.ToString().ToUpperInvariant();

    private static bool Selected(Expectation e, InstanceInfo i) =>
        (e.Instance is null || i.Instance == e.Instance) && (e.Vrid is null || i.Vrid == e.Vrid);

    private static bool Peers(RunFacts f, int a, int b) =>
        a != b && f.Instances[a].Vrid == f.Instances[b].Vrid && f.SegmentOf[a] >= 0 && f.SegmentOf[a] == f.SegmentOf[b]
        && f.Instances[a].NodeIndex != f.Instances[b].NodeIndex;

    private static Verdict OneMasterWhenQuiet(PropertyExpectation e, RunFacts f)
    {
        var inst = f.Instances;
        for (int a = 0; a < inst.Length; a++)
        {
            for (int b = a + 1; b < inst.Length; b++)
            {
                if (!Selected(e, inst[a]) || !Selected(e, inst[b]) || !Peers(f, a, b))
                {
                    continue;
                }

                foreach ((long start, long end) in ExpectationEvaluator.BothMaster(inst[a], inst[b], f.History))
                {
                    if (f.FirstQuiet(start, end) is { } q)
                    {
                        long since = f.LastDisturbance(q);
                        return new Verdict(e, false,
                            $"{inst[a].Node} and {inst[b].Node} were both MASTER of VRID {inst[a].Vrid} and could reach each other from {T(start)} to {T(end)}; " +
                            $"at {T(q)} the network had been quiet since {T(since)} (settling time {T(f.SettleUs)})")
                        { FocusUs = q };
                    }
                }
            }
        }

        return new Verdict(e, true, "never two reachable MASTERs of one VRID while the network was quiet");
    }

    private static Verdict VipOnlyOnMaster(PropertyExpectation e, RunFacts f)
    {
        SimHistory h = f.History;
        var open = new List<VipRecord>();
        var spans = new List<(VipRecord Add, long End)>();
        foreach (VipRecord r in h.Vips)
        {
            int at = open.FindIndex(o => o.Node == r.Node && o.Interface == r.Interface && o.Address.Equals(r.Address));
            if (r.Added && at < 0)
            {
                open.Add(r);
            }
            else if (!r.Added && at >= 0)
            {
                spans.Add((open[at], r.TimeUs));
                open.RemoveAt(at);
            }
        }

        foreach (VipRecord add in open)
        {
            spans.Add((add, h.EndUs));
        }

        spans.Sort((x, y) => x.Add.TimeUs.CompareTo(y.Add.TimeUs));
        foreach ((VipRecord add, long end) in spans)
        {
            int k = -1;
            for (int i = 0; i < f.Instances.Length; i++)
            {
                if (f.Instances[i].Node == add.Node && f.Instances[i].Instance == add.Instance && Selected(e, f.Instances[i]))
                {
                    k = i;
                }
            }

            if (k < 0 || end <= add.TimeUs)
            {
                continue;
            }

            InstanceInfo owner = f.Instances[k];
            IReadOnlyList<StateRecord> states = h.StatesOf(owner.Node, owner.Instance);
            long from = add.TimeUs;
            StateRecord? last = null;
            int idx = 0;
            for (; idx < states.Count && states[idx].TimeUs <= from; idx++)
            {
                last = states[idx];
            }

            while (from < end)
            {
                long until = idx < states.Count && states[idx].TimeUs < end ? states[idx].TimeUs : end;
                VrrpState st = last?.To ?? VrrpState.Init;
                bool killed = st == VrrpState.Stop && last?.Cause == "killed";
                if (st != VrrpState.Master && !killed && until > from)
                {
                    return new Verdict(e, false,
                        $"{add.Address} was on {add.Node}:{add.Interface} while {owner.Instance} there was {S(st)}, from {T(from)} to {T(until)}")
                    { FocusUs = from };
                }

                if (until >= end)
                {
                    break;
                }

                last = states[idx++];
                from = until;
            }
        }

        return new Verdict(e, true, $"every VIP was held only by a MASTER (or left behind by a killed keepalived) in {spans.Count} holding period{(spans.Count == 1 ? "" : "s")}");
    }

    /// <summary>Instants at which anything the checks look at can change, in [0, end].</summary>
    private static List<long> ChangePoints(RunFacts f)
    {
        if (f.ChangePoints is { } known)
        {
            return known;
        }

        var points = new List<long>(1 + f.History.States.Length + f.History.Topology.Length) { 0 };
        foreach (StateRecord r in f.History.States)
        {
            points.Add(r.TimeUs);
        }

        foreach (TopologySnapshot t in f.History.Topology)
        {
            points.Add(t.TimeUs);
        }

        for (int n = 0; n < f.History.Nodes.Length; n++)
        {
            foreach ((long s, long e) in f.Pauses(n))
            {
                points.Add(s);
                points.Add(e);
            }
        }

        for (int s = 0; s < f.Instances.Length; s++)
        {
            foreach ((long a, long b) in f.LossPeriods(f.SegmentOf[s]))
            {
                points.Add(a);
                points.Add(b);
            }
        }

        points.Sort();
        var distinct = new List<long>(points.Count);
        foreach (long p in points)
        {
            if (p <= f.History.EndUs && (distinct.Count == 0 || distinct[^1] != p))
            {
                distinct.Add(p);
            }
        }

        f.ChangePoints = distinct;
        return distinct;
    }

    private static bool ReachableMaster(RunFacts f, int c, TopologySnapshot topo, long t)
    {
        for (int m = 0; m < f.Instances.Length; m++)
        {
            if (Peers(f, c, m) && f.History.StateAt(f.Instances[m].Node, f.Instances[m].Instance, t) == VrrpState.Master
                && f.History.CanReach(f.Instances[c], f.Instances[m], topo))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a peer that can reach instance <paramref name="c"/> entered MASTER at <paramref name="t"/> (sending an advert).</summary>
    private static bool PeerEnteredMaster(RunFacts f, int c, TopologySnapshot topo, long t)
    {
        for (int m = 0; m < f.Instances.Length; m++)
        {
            if (Peers(f, c, m) && f.History.CanReach(f.Instances[c], f.Instances[m], topo) && ChangedMasterAt(f, m, t, entered: true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The bound for a healthy BACKUP that has had no reachable MASTER since <paramref name="since"/>:
    /// its Skew_Time when a reachable MASTER resigned (priority 0: graceful stop or FAULT) at that
    /// instant on a loss-free segment without jitter, else its Master_Down_Interval; plus one network
    /// delay. With jitter, an advert the MASTER sent just before its priority 0 (both timers due at
    /// once, say after a pause) can arrive after it and restart the BACKUP's down timer.
    /// </summary>
    private static (long Bound, string Why) TakeoverBound(RunFacts f, int c, long since)
    {
        InstanceInfo ci = f.Instances[c];
        if (!f.Lossy(f.SegmentOf[c], since) && !f.Jittery(f.SegmentOf[c], since) && since > 0 && !f.InSyncGroup[c])
        {
            // The priority-0 advert leaves at the instant of the resignation: only if the resigning
            // node is still up and its carrier too (a MASTER whose own link went down sends nothing).
            TopologySnapshot before = f.History.TopologyAt(since);
            for (int m = 0; m < f.Instances.Length; m++)
            {
                if (!Peers(f, c, m) || !f.History.CanReach(ci, f.Instances[m], before))
                {
                    continue;
                }

                foreach (StateRecord r in f.History.StatesOf(f.Instances[m].Node, f.Instances[m].Instance))
                {
                    if (r.TimeUs == since && r.From == VrrpState.Master
                        && (r.To == VrrpState.Fault || (r.To == VrrpState.Stop && r.Cause == "stopped")))
                    {
                        return (f.SkewUs[c] + f.MaxDelayUs + 1,
                            $"Skew_Time {T(f.SkewUs[c])} after {f.Instances[m].Node}'s priority 0 at {T(since)}, plus delay {T(f.MaxDelayUs)}");
                    }
                }
            }
        }

        return (f.MasterDownUs[c] + f.MaxDelayUs + 1, $"Master_Down_Interval {T(f.MasterDownUs[c])} plus delay {T(f.MaxDelayUs)}");
    }

    private static Verdict MasterWithinBound(PropertyExpectation e, RunFacts f)
    {
        List<long> points = ChangePoints(f);
        SimHistory h = f.History;
        int checkedPeriods = 0;
        for (int c = 0; c < f.Instances.Length; c++)
        {
            InstanceInfo ci = f.Instances[c];
            if (!Selected(e, ci) || f.SegmentOf[c] < 0)
            {
                continue;
            }

            long? since = null;
            foreach (long t in points)
            {
                TopologySnapshot topo = h.TopologyAt(t);
                bool waiting = h.StateAt(ci.Node, ci.Instance, t) == VrrpState.Backup && f.Healthy(c, topo, t) && !ReachableMaster(f, c, topo, t);
                if (waiting && since is { } w && PeerEnteredMaster(f, c, topo, t))
                {
                    // A peer was MASTER for an instant (a thawed process, say): its advert reset c's
                    // down timer, so c's wait starts again here.
                    (long bound, string why) = TakeoverBound(f, c, w);
                    if (t > w + bound)
                    {
                        return Late(e, ci, w, bound, why, t);
                    }

                    checkedPeriods++;
                    since = t;
                }
                else if (waiting && since is null)
                {
                    since = t;
                }
                else if (!waiting && since is { } s)
                {
                    checkedPeriods++;
                    (long bound, string why) = TakeoverBound(f, c, s);
                    if (t > s + bound)
                    {
                        return Late(e, ci, s, bound, why, t);
                    }

                    since = null;
                }
            }

            if (since is { } open)
            {
                (long bound, string why) = TakeoverBound(f, c, open);
                if (h.EndUs > open + bound)
                {
                    return Late(e, ci, open, bound, why, long.MaxValue);
                }
            }
        }

        return new Verdict(e, true, checkedPeriods == 0
            ? "no healthy BACKUP was ever left without a reachable MASTER"
            : $"every healthy BACKUP left without a reachable MASTER saw one within its bound ({checkedPeriods} period{(checkedPeriods == 1 ? "" : "s")})");
    }

    private static Verdict Late(PropertyExpectation e, InstanceInfo c, long since, long bound, string why, long until) =>
        new(e, false,
            $"{c.Node} ({c.Instance}) was a healthy BACKUP with no reachable MASTER from {T(since)}, and no MASTER appeared within its bound {T(bound)} ({why}): " +
            (until == long.MaxValue ? "still none at the end of the run" : $"it waited until {T(until)}"))
        { FocusUs = since + bound };

    private static Verdict NopreemptRespected(PropertyExpectation e, RunFacts f)
    {
        SimHistory h = f.History;
        int nopreempt = 0;
        for (int c = 0; c < f.Instances.Length; c++)
        {
            InstanceInfo ci = f.Instances[c];
            if (!Selected(e, ci) || f.Configs[c] is not { } cc || !(cc.Nopreempt || cc.NopreemptWritten))
            {
                continue;
            }

            nopreempt++;
            IReadOnlyList<StateRecord> states = h.StatesOf(ci.Node, ci.Instance);
            long backupSince = 0;
            foreach (StateRecord r in states)
            {
                if (r.To == VrrpState.Backup)
                {
                    backupSince = r.TimeUs;
                }

                if (r.From != VrrpState.Backup || r.To != VrrpState.Master)
                {
                    continue;
                }

                long t = r.TimeUs;
                long from = Math.Max(backupSince, t - f.MasterDownUs[c] - (2 * f.MaxDelayUs));
                for (int m = 0; m < f.Instances.Length; m++)
                {
                    if (!Peers(f, c, m) || f.Configs[m] is not { } mc)
                    {
                        continue;
                    }

                    // Long enough for at least one of m's adverts to reach c.
                    long advert = (mc.AdvertInterval.Microseconds * 11 / 10) + f.MaxDelayUs + 1;
                    InstanceInfo mi = f.Instances[m];
                    if (t - from >= advert && MasterThroughout(f, c, m, from, t))
                    {
                        return new Verdict(e, false,
                            $"{ci.Node} ({ci.Instance}, configured nopreempt) became MASTER at {T(t)} ({r.Cause}) although {mi.Node} had been a reachable MASTER " +
                            $"since at least {T(from)}, neither paused and no packet loss: " +
                            (f.FloodedDuring(f.SegmentOf[c], from, t)
                                ? $"a flood on the segment kept {mi.Node} silent (keepalived restarts a MASTER's advert timer on every datagram naming its VRID)"
                                : $"{ci.Node} must have discarded its adverts") +
                            (f.Configs[c]!.EffectiveNopreempt ? "" : $" (keepalived clears nopreempt on {ci.Node}: {ClearedBecause(f.Configs[c]!)})"))
                        { FocusUs = t };
                    }
                }
            }
        }

        return new Verdict(e, true, nopreempt == 0
            ? "no instance is configured nopreempt"
            : "no nopreempt instance took over from a reachable, healthy MASTER");
    }

    private static string ClearedBecause(Engine.Configuration.VrrpInstanceConfig c) =>
        c.Priority == 255 ? "priority 255" : "state MASTER";

    /// <summary>Whether m was MASTER, reachable from c, neither paused, on a loss-free segment, throughout [from, to).</summary>
    private static bool MasterThroughout(RunFacts f, int c, int m, long from, long to)
    {
        SimHistory h = f.History;
        InstanceInfo ci = f.Instances[c];
        InstanceInfo mi = f.Instances[m];
        if (f.PausedDuring(ci.NodeIndex, from, to) || f.PausedDuring(mi.NodeIndex, from, to) || f.LossyDuring(f.SegmentOf[c], from, to))
        {
            return false;
        }

        if (h.StateAt(mi.Node, mi.Instance, from) != VrrpState.Master || !h.CanReach(ci, mi, from))
        {
            return false;
        }

        foreach (StateRecord r in h.StatesOf(mi.Node, mi.Instance))
        {
            if (r.TimeUs > from && r.TimeUs < to && r.To != VrrpState.Master)
            {
                return false;
            }
        }

        foreach (TopologySnapshot topo in h.Topology)
        {
            if (topo.TimeUs > from && topo.TimeUs < to && !h.CanReach(ci, mi, topo))
            {
                return false;
            }
        }

        return true;
    }

    private static Verdict NoFlapping(PropertyExpectation e, RunFacts f)
    {
        int changes = 0;
        foreach (StateRecord r in f.History.States)
        {
            if ((r.From == VrrpState.Master) == (r.To == VrrpState.Master))
            {
                continue;
            }

            InstanceInfo? info = null;
            foreach (InstanceInfo i in f.Instances)
            {
                if (i.Node == r.Node && i.Instance == r.Instance)
                {
                    info = i;
                }
            }

            if (info is null || !Selected(e, info))
            {
                continue;
            }

            changes++;
            if (f.IsQuiet(r.TimeUs))
            {
                return new Verdict(e, false,
                    $"{r.Node} ({r.Instance}) went {S(r.From)} -> {S(r.To)} at {T(r.TimeUs)} ({r.Cause}) while the network had been quiet since {T(f.LastDisturbance(r.TimeUs))} " +
                    $"(settling time {T(f.SettleUs)})")
                { FocusUs = r.TimeUs };
            }
        }

        return new Verdict(e, true, $"every MASTER change ({changes}) followed a fault within the settling time {T(f.SettleUs)}");
    }

    private static Verdict OutageWithinBound(PropertyExpectation e, RunFacts f)
    {
        SimHistory h = f.History;
        List<long>? points = null;
        int outages = 0;
        foreach (ClientView v in h.Clients)
        {
            if (v.FirstAcquiredUs is not { } first)
            {
                continue;
            }

            var candidates = new List<int>();
            for (int k = 0; k < f.Instances.Length; k++)
            {
                InstanceInfo i = f.Instances[k];
                if (Selected(e, i) && i.Segment == v.Segment && i.Vips.Contains(v.Vip))
                {
                    candidates.Add(k);
                }
            }

            if (candidates.Count == 0)
            {
                continue;
            }

            foreach ((long s, long en) in v.Outages)
            {
                long a = Math.Max(s, first);
                long b = Math.Min(en, h.EndUs);
                if (b <= a)
                {
                    continue;
                }

                outages++;
                points ??= ChangePoints(f);
                string? silent = HeldElsewhere(f, v, a) ? "another host held the VIP, so no gratuitous ARP was due"
                    : GarpsLost(f, v, f.SegmentOf[candidates[0]], a, b) is { } lostAt ? $"the VIP's new holder (from {T(lostAt)}) sent its gratuitous ARPs while {v.Segment} was losing packets"
                    : null;
                foreach (int c in candidates)
                {
                    // The advert that starts the timer, the GARP, and the new holder resolving the client
                    // (its request and the client's reply): four crossings, and one to spare.
                    long bound = f.MasterDownUs[c] + (5 * f.MaxDelayUs) + 2;
                    if (silent is not null)
                    {
                        bound = Math.Max(bound, NeighbourRecoveryUs + (2 * f.MaxDelayUs) + 2);
                    }

                    long? healthySince = null;
                    foreach (long t in points)
                    {
                        if (t < a)
                        {
                            continue;
                        }

                        if (t > b)
                        {
                            break;
                        }

                        TopologySnapshot topo = h.TopologyAt(t);
                        bool ok = t < b && f.Healthy(c, topo, t) && !f.Lossy(f.SegmentOf[c], t);
                        if (ok && healthySince is { } hs0 && (PeerEnteredMaster(f, c, topo, t) || PeerLeftMaster(f, c, t)))
                        {
                            // A peer's advert (entering MASTER) restarts c's down timer; a MASTER that
                            // fails during the outage (the client still on its way back) starts a new takeover.
                            if (t > hs0 + bound)
                            {
                                return LateClient(e, v, a, b, c, hs0, bound, silent, f);
                            }

                            healthySince = t;
                        }
                        else if (ok)
                        {
                            healthySince ??= Math.Max(t, a);
                        }
                        else if (healthySince is { } hs)
                        {
                            if (t > hs + bound)
                            {
                                return LateClient(e, v, a, b, c, hs, bound, silent, f);
                            }

                            healthySince = null;
                        }
                    }

                    if (healthySince is { } open && b > open + bound)
                    {
                        return LateClient(e, v, a, b, c, open, bound, silent, f);
                    }
                }
            }
        }

        return new Verdict(e, true, outages == 0 ? "the client never lost the VIP after its first acquisition" : $"every client outage ({outages}) ended within its bound");
    }

    /// <summary>
    /// The longest a Linux client keeps a neighbour entry that leads to a host which dropped the VIP
    /// without a word (no gratuitous ARP from the new holder): the whole reachable time (at most 45 s),
    /// delay_first_probe_time (5 s) and three unicast probes a second apart, then it resolves again
    /// (sim/README.md, "Data plane").
    /// </summary>
    private const long NeighbourRecoveryUs = 45_000_000 + 5_000_000 + 3_000_000;

    /// <summary>
    /// Whether some host held the VIP right after the outage began: then no takeover (and no
    /// gratuitous ARP) is coming, and the client's stale entry recovers only by Linux's neighbour
    /// probing (a host that dropped the VIP silently, a split brain that healed, a killed keepalived
    /// that removed its leftover VIP on start).
    /// </summary>
    private static bool HeldElsewhere(RunFacts f, ClientView v, long a)
    {
        var holders = new List<string>();
        foreach (VipRecord r in f.History.Vips)
        {
            if (r.TimeUs > a)
            {
                break;
            }

            if (!r.Address.Equals(v.Vip))
            {
                continue;
            }

            if (r.Added)
            {
                holders.Add(r.Node + "/" + r.Interface);
            }
            else
            {
                holders.Remove(r.Node + "/" + r.Interface);
            }
        }

        return holders.Count > 0;
    }

    /// <summary>
    /// When the VIP was configured on a host during the outage [<paramref name="a"/>, <paramref name="b"/>]
    /// while its segment was losing packets: its gratuitous ARPs may all be lost, and the client's
    /// stale entry then recovers only by Linux's neighbour probing. Null if that never happened.
    /// </summary>
    private static long? GarpsLost(RunFacts f, ClientView v, int segment, long a, long b)
    {
        foreach (VipRecord r in f.History.Vips)
        {
            if (r.TimeUs > b)
            {
                break;
            }

            if (r.TimeUs >= a && r.Added && r.Address.Equals(v.Vip) && f.Lossy(segment, r.TimeUs))
            {
                return r.TimeUs;
            }
        }

        return null;
    }

    /// <summary>Whether a peer of instance <paramref name="c"/> left MASTER at <paramref name="t"/>.</summary>
    private static bool PeerLeftMaster(RunFacts f, int c, long t)
    {
        for (int m = 0; m < f.Instances.Length; m++)
        {
            if (Peers(f, c, m) && ChangedMasterAt(f, m, t, entered: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether instance <paramref name="m"/> entered MASTER (<paramref name="entered"/>) or left it at <paramref name="t"/>.</summary>
    private static bool ChangedMasterAt(RunFacts f, int m, long t, bool entered)
    {
        foreach (StateRecord r in f.History.StatesOf(f.Instances[m].Node, f.Instances[m].Instance))
        {
            if (r.TimeUs == t && (entered ? r.To : r.From) == VrrpState.Master)
            {
                return true;
            }

            if (r.TimeUs > t)
            {
                break;
            }
        }

        return false;
    }

    private static Verdict LateClient(PropertyExpectation e, ClientView v, long a, long b, int k, long healthySince, long bound, string? silent, RunFacts f) =>
        new(e, false,
            $"the client on {v.Segment} could not reach {v.Vip} from {T(a)} to {(b >= f.History.EndUs ? "the end of the run" : T(b))}, although {f.Instances[k].Node} ({f.Instances[k].Instance}) was a healthy candidate " +
            $"from {T(healthySince)} on a loss-free segment: bound {T(bound)} (Master_Down_Interval {T(f.MasterDownUs[k])} plus three delays of {T(f.MaxDelayUs)}" +
            (silent is not null && bound > NeighbourRecoveryUs ? $"; {silent}, and Linux's neighbour recovery, 53s, counts)" : ")"))
        { FocusUs = healthySince + bound };
}
