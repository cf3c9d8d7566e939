// Over 400 lines: Assemble is one pass per observation source (actions, scripts, wire adverts, start-ups, state lines, VIPs, neighbours, echoes) into one event list with shared per-node state, and only the root namespace tests exercise it end to end; a split into one method per source waits for a change that can run them.

using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Wire;
using VrrpLab.Lab.Network;
using VrrpLab.Lab.Observing;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Lab.Running;

/// <summary>Turning observations into the typed event log, judging it, and the simulator beside it.</summary>
public sealed partial class LabRunner
{
    private LabRun Assemble(long setupUs, long teardownUs, List<AppliedAction> applied, List<(string Node, int Start, long DueRaw, long ExecRaw)> startsDue)
    {
        long end = _scenario.Duration.Microseconds;
        var events = new List<RunEvent>();
        long T(long raw) => Math.Max(0, raw - _t0);
        List<DaemonLine> lines = _seen.Read(o => o.DaemonLines.ToList());
        List<LabMark> marks = _seen.Read(o => o.Marks.ToList());
        var adverts = _seen.Read(o => o.Adverts.ToList());
        var addresses = _seen.Read(o => o.Addresses.ToList());
        var neighbours = _seen.Read(o => o.Neighbours.ToList());
        var echoes = _seen.Read(o => o.Echoes.ToList());
        var logMinusWire = new List<long>();

        // Actions, with their lateness; a flood from its first datagram on the wire.
        var clientPackets = _seen.Read(o => o.ClientPackets.ToList());
        foreach (LabMark m in marks.Where(m => m.What == "action"))
        {
            int index = (int)m.Number!.Value;
            AppliedAction a = applied[index];
            long raw = m.RawUs;
            if (a.Action is FloodAction f)
            {
                if (WireTiming.FloodStart(a.AtUs, m.RawUs - _t0, clientPackets.Where(p => p.Segment == f.Segment).Select(p => p.RawUs - _t0)) is { } first)
                {
                    raw = _t0 + first.FirstUs;
                    applied[index] = a = a with { LatenessUs = first.LatenessUs };
                    FloodShape? shape = WireTiming.Shape(first.FirstUs, f.For.Microseconds, clientPackets.Where(p => p.Segment == f.Segment).Select(p => p.RawUs - _t0));
                    _notes.Add($"flood on {f.Segment} at {Engine.Time.Duration.FormatSeconds(a.AtUs)}: timed from the {first.Timing}; {shape?.Describe(f.For.Microseconds)}");
                }
                else
                {
                    _notes.Add($"flood on {f.Segment} at {Engine.Time.Duration.FormatSeconds(a.AtUs)}: no datagram captured; timed from the generator's exec");
                }
            }

            events.Add(new ActionRecord(T(raw), a.Action) { LatenessUs = a.LatenessUs });
        }

        // Every run of a controllable vrrp_script, timed by the script itself (when it had its result).
        foreach ((string node, string script, long raw, int status) in _seen.Read(o => o.ScriptRuns.ToList()))
        {
            events.Add(new ScriptRecord(T(raw), node, script, StateChange: false, Ok: status == 0));
        }

        // Adverts on the wire, attributed to the node whose interface sent them.
        long packet = 0;
        var wire = new List<(long Raw, string Node, byte Vrid, byte Priority)>();
        foreach ((string seg, long raw, WireAdvert a) in adverts.OrderBy(a => a.RawUs))
        {
            LabInterface? from = _net!.Interfaces.FirstOrDefault(i => i.Segment == seg && i.Address.Equals(a.Source));
            if (from is null)
            {
                continue;
            }

            InstanceInfo? inst = _layout.Instances.FirstOrDefault(i => i.Node == from.Node && i.Vrid == a.Vrid);
            wire.Add((raw, from.Node, a.Vrid, a.Priority));
            events.Add(new AdvertSentRecord(T(raw), from.Node, inst?.Instance, from.Name, a.Source, VrrpWire.MulticastGroupFor(a.Source.AddressFamily), a.Vrid, a.Priority, ++packet));
        }

        // Start-ups: from the scheduled start to the start of the daemon's timers, on the wire where it shows.
        var implementations = _scenario.Nodes.ToDictionary(n => n.Name, n => _options.ImplementationOf(n.Name), StringComparer.Ordinal);
        var predictOptions = new SimulationOptions { Recording = RecordingLevel.Full, NodeImplementations = implementations };
        var observedStarts = new List<ObservedStart>();
        foreach ((string node, int start, long dueRaw, long execRaw) in startsDue)
        {
            DaemonLine? first = lines.FirstOrDefault(l => l.Node == node && l.Start == start && LineParsers.State(l.Text) is not null);
            DaemonLine? fault = lines.FirstOrDefault(l => l.Node == node && l.Start == start && LineParsers.State(l.Text) is { State: VrrpState.Fault });
            observedStarts.Add(new ObservedStart(node, start, dueRaw - _t0, execRaw - _t0, first is null ? null : first.RawUs - _t0, fault is null ? null : fault.RawUs - _t0));
        }

        var joins = new List<JoinSighting>();
        foreach ((string seg, long raw, IPAddress source) in _seen.Read(o => o.Joins.ToList()))
        {
            if (_net!.Interfaces.FirstOrDefault(i => i.Segment == seg && (i.Address.Equals(source) || WireTiming.LinkLocalOf(i.Mac).Equals(source))) is { } from)
            {
                joins.Add(new JoinSighting(raw - _t0, from.Node));
            }
        }

        IReadOnlyList<MeasuredStartup> startups = StartupTiming.Time(_scenario, predictOptions, observedStarts, [.. wire.Select(w => new WireSighting(w.Raw - _t0, w.Node, w.Vrid, w.Priority))], joins);


        // Per node: marks and state lines in order, keeping each instance's state.
        foreach (NodeSpec node in _scenario.Nodes)
        {
            string n = node.Name;
            InstanceInfo[] instances = [.. _layout.Instances.Where(i => i.Node == n)];
            var state = instances.ToDictionary(i => i.Instance, _ => VrrpState.Init, StringComparer.Ordinal);
            var lastChangeRaw = instances.ToDictionary(i => i.Instance, _ => long.MinValue, StringComparer.Ordinal);
            string? pendingEnd = null; // sigterm, sigkill, crash-kill since the last start
            int currentStart = -1;
            long pendingRaw = 0;
            var items = marks.Where(m => m.Node == n && m.What != "action").Select(m => (m.RawUs, 0, (object)m))
                .Concat(lines.Where(l => l.Node == n).Select(l => (l.RawUs, 1, (object)l)))
                .OrderBy(x => x.RawUs).ThenBy(x => x.Item2).ToList();
            void AllStop(long raw, string cause, string timing, bool wireZero)
            {
                foreach (InstanceInfo i in instances)
                {
                    if (state[i.Instance] is VrrpState.Init or VrrpState.Stop)
                    {
                        continue;
                    }

                    long at = raw;
                    string how = timing;
                    if (wireZero && state[i.Instance] == VrrpState.Master)
                    {
                        (long Raw, string Node, byte Vrid, byte Priority) zero = wire.FirstOrDefault(w => w.Node == n && w.Vrid == i.Vrid && w.Priority == 0 && w.Raw >= pendingRaw && w.Raw <= raw + WireMatchUs);
                        if (zero.Node is not null)
                        {
                            at = zero.Raw;
                            how = "wire: priority-0 advert";
                        }
                    }

                    events.Add(new StateRecord(T(at), n, i.Instance, i.Vrid, state[i.Instance], VrrpState.Stop, cause) { Timing = how });
                    state[i.Instance] = VrrpState.Stop;
                    lastChangeRaw[i.Instance] = at;
                }
            }

            foreach ((long raw, int _, object item) in items)
            {
                if (item is DaemonLine dl)
                {
                    events.Add(new LogRecord(T(raw), n, null, dl.Text));
                    if (LineParsers.State(dl.Text) is not { } sl || instances.FirstOrDefault(i => i.Instance == sl.Instance) is not { } inst)
                    {
                        continue;
                    }

                    if (pendingEnd is "sigkill" or "crash-kill" or "exited" && dl.Start == currentStart)
                    {
                        // Printed before the kill, the crash's freeze or the exit, read after it: the process has ended.
                        continue;
                    }

                    VrrpState from = state[inst.Instance];
                    if (from == sl.State)
                    {
                        continue;
                    }

                    long at = raw;
                    string timing = "log line";
                    if (from == VrrpState.Init && startups.FirstOrDefault(x => x.Node == n && x.Start == currentStart) is { StartupUs: { } su } timed
                        && timed.Timing.StartsWith("wire:", StringComparison.Ordinal) && sl.State == VrrpState.Backup)
                    {
                        // The start-up timed on the wire: the BACKUP entry is when the timers started.
                        at = _t0 + timed.AtUs + su;
                        timing = $"{timed.Timing.Split(';')[0].Replace("wire: ", "wire: start-up from the ", StringComparison.Ordinal)} (log line {Judging.Milliseconds(raw - at, plus: true)})";
                    }
                    else if (sl.State == VrrpState.Master)
                    {
                        long after = lastChangeRaw[inst.Instance];
                        (long Raw, string Node, byte Vrid, byte Priority) first = wire.FirstOrDefault(w => w.Node == n && w.Vrid == inst.Vrid && w.Priority > 0
                            && w.Raw > after && w.Raw >= raw - WireMatchUs && w.Raw <= raw + WireMatchUs);
                        if (first.Node is not null)
                        {
                            at = first.Raw;
                            logMinusWire.Add(raw - first.Raw);
                            timing = $"wire: first advert as MASTER (log line {Judging.Milliseconds(raw - first.Raw, plus: true)})";
                        }
                    }

                    string cause = from == VrrpState.Init ? "init" : "log: " + dl.Text.Trim();
                    events.Add(new StateRecord(T(at), n, inst.Instance, inst.Vrid, from, sl.State, from == VrrpState.Init ? "init" : "daemon") { Timing = timing });
                    _ = cause;
                    state[inst.Instance] = sl.State;
                    lastChangeRaw[inst.Instance] = at;
                    continue;
                }

                var m = (LabMark)item;
                switch (m.What)
                {
                    case "started":
                        currentStart = (int)(m.Number ?? 0);
                        events.Add(new ProcessRecord(T(raw), n, ProcessChange.Started));
                        foreach (InstanceInfo i in instances)
                        {
                            state[i.Instance] = VrrpState.Init;
                        }

                        pendingEnd = null;
                        break;
                    case "already running":
                        events.Add(new ProcessRecord(T(raw), n, ProcessChange.AlreadyRunning));
                        break;
                    case "not running":
                        events.Add(new ProcessRecord(T(raw), n, ProcessChange.NotRunning));
                        break;
                    case "sigterm":
                        pendingEnd = "sigterm";
                        pendingRaw = raw;
                        break;
                    case "sigkill":
                    case "crash-kill":
                        bool crash = m.What == "crash-kill";
                        pendingEnd = m.What;
                        pendingRaw = raw;
                        AllStop(raw, crash ? "host crashed" : "killed", "lab: SIGKILL sent", wireZero: false);
                        events.Add(new ProcessRecord(T(raw), n, crash ? ProcessChange.GoneWithHost : ProcessChange.Killed));
                        break;
                    case "host down":
                    case "host up":
                        events.Add(new HostRecord(T(raw), n, m.What == "host up"));
                        break;
                    case "link up":
                    case "link down":
                        events.Add(new LinkRecord(T(raw), n, m.Detail!, m.What == "link up"));
                        break;
                    case "paused":
                        events.Add(new ProcessRecord(T(raw), n, ProcessChange.Paused) { UntilUs = T(raw) + m.Number });
                        break;
                    case "resumed":
                        events.Add(new ProcessRecord(T(raw), n, ProcessChange.Resumed));
                        break;
                    case "exit":
                        if (pendingEnd == "sigterm")
                        {
                            AllStop(raw, "shutdown", "process exit", wireZero: true);
                            events.Add(new ProcessRecord(T(raw), n, ProcessChange.Stopped));
                        }
                        else if (pendingEnd is null && raw <= _t0 + end)
                        {
                            AllStop(raw, "exited", "process exit", wireZero: false);
                            events.Add(new ProcessRecord(T(raw), n, ProcessChange.Exited) { Note = "(" + m.Detail + ")" });
                        }

                        pendingEnd = "exited";
                        break;
                }
            }
        }

        // VIPs on each node. A crash's addresses go with the host when it froze: the lab takes them off
        // with its interface commands tens of ms later, which no real crash waits for.
        List<(string Node, long From, long To)> crashes = CrashWindows(marks);
        foreach ((string node, long raw, AddressLine a) in addresses.OrderBy(a => a.RawUs))
        {
            InstanceInfo? inst = _layout.Instances.FirstOrDefault(i => i.Node == node && i.Vips.Contains(a.Address));
            if (inst is null)
            {
                continue;
            }

            long at = raw;
            string note = a.Added ? "" : "removed";
            if (!a.Added && crashes.FirstOrDefault(c => c.Node == node && raw >= c.From && raw <= c.To) is { Node: not null } crash)
            {
                at = crash.From;
                note = $"removed (gone with the crashed host; the lab's interface commands took it off {Judging.Milliseconds(raw - crash.From, plus: true)} later)";
            }

            events.Add(new VipRecord(T(at), node, inst.Instance, a.Interface, a.Address, a.Added, note));
        }

        // What each segment's client saw: its neighbour entry, and the VIP answering its pings.
        var owners = new Dictionary<(string Segment, string Vip), List<(long Raw, string? Node)>>();
        foreach ((string seg, long raw, NeighbourLine nl) in neighbours.OrderBy(x => x.RawUs))
        {
            if (!_layout.Clients.Any(c => c.Segment == seg && c.Vip.Equals(nl.Address)) || nl.Deleted)
            {
                continue;
            }

            var key = (seg, nl.Address.ToString());
            if (!owners.TryGetValue(key, out List<(long Raw, string? Node)>? list))
            {
                owners[key] = list = [];
            }

            if (nl.Mac is null)
            {
                if (nl.State == "INCOMPLETE")
                {
                    events.Add(new ClientArpRecord(T(raw), seg, nl.Address, null, null, "who-has"));
                }

                continue;
            }

            LabInterface? owner = _net!.Interfaces.FirstOrDefault(i => i.Segment == seg && i.Mac == nl.Mac);
            string? ownerNode = owner?.Node;
            if (list.Count > 0 && list[^1].Node == ownerNode)
            {
                continue;
            }

            list.Add((raw, ownerNode));
            if (owner is not null)
            {
                events.Add(new ClientArpRecord(T(raw), seg, nl.Address, owner.Node, owner.Name, "neighbour entry " + nl.State.ToLowerInvariant() + " " + nl.Mac));
            }
        }

        string? OwnerAt(string seg, IPAddress vip, long raw) =>
            owners.TryGetValue((seg, vip.ToString()), out List<(long Raw, string? Node)>? l) ? l.LastOrDefault(x => x.Raw <= raw).Node : null;

        // Reachability from the client's own echoes: an outage runs from the first request left unanswered
        // (after the last answered one) to the next reply. A ping process that is late to send creates no
        // outage: only a request sent and not answered does.
        foreach ((string seg, IPAddress vip) in _layout.Clients)
        {
            var mine = echoes.Where(x => x.Segment == seg && x.Vip.Equals(vip)).OrderBy(x => x.RawUs).ToList();
            var replyAt = new Dictionary<int, List<long>>();
            foreach (var x in mine.Where(x => x.Reply))
            {
                if (!replyAt.TryGetValue(x.Sequence, out List<long>? l))
                {
                    replyAt[x.Sequence] = l = [];
                }

                l.Add(x.RawUs);
            }

            long endRaw = _t0 + end;
            bool reachable = false;
            long lastReachable = long.MinValue;
            foreach (var req in mine.Where(x => !x.Reply))
            {
                long? answer = replyAt.TryGetValue(req.Sequence, out List<long>? l) ? l.Where(r => r >= req.RawUs && r <= req.RawUs + ReplyWaitUs).Cast<long?>().FirstOrDefault() : null;
                if (answer is { } a)
                {
                    if (!reachable)
                    {
                        events.Add(new ReachRecord(T(a), seg, vip, OwnerAt(seg, vip, a), Reachable: true));
                        reachable = true;
                        lastReachable = a;
                    }
                }
                else if (reachable && req.RawUs <= endRaw - 20_000)
                {
                    long at = Math.Max(req.RawUs, lastReachable);
                    events.Add(new ReachRecord(T(at), seg, vip, OwnerAt(seg, vip, at), Reachable: false));
                    reachable = false;
                }
            }
        }

        // One time-ordered log (stable: same-time events keep the order they were made in).
        var log = new EventLog(RecordingLevel.Full);
        foreach (RunEvent e in events.Select((e, i) => (e, i)).OrderBy(x => x.e.TimeUs).ThenBy(x => x.i).Select(x => x.e).Where(e => e.TimeUs <= end))
        {
            log.Add(e);
        }

        SimHistory history = SimHistory.FromLog(_layout, log, end);

        SimulationResult predicted = new Simulator(_scenario, predictOptions).Run();
        ImmutableArray<Verdict> predictedVerdicts = ExpectationEvaluator.Evaluate(predicted);
        var delays = startups.GroupBy(s => s.Node, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)[.. g.OrderBy(s => s.Start).Select(s => s.StartupUs ?? 0)], StringComparer.Ordinal);
        var scriptRuns = _seen.Read(o => o.ScriptRuns.ToList()).GroupBy(r => r.Node, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, IReadOnlyList<long>>)g.GroupBy(r => r.Script, StringComparer.Ordinal)
                .ToDictionary(h => h.Key, h => (IReadOnlyList<long>)[.. h.Select(r => r.RawUs - _t0).Order()], StringComparer.Ordinal),
            StringComparer.Ordinal);
        Scenario replayed = ReplayScenario(_scenario, applied);
        SimulationResult replay = new Simulator(replayed, predictOptions with { StartupDelaysUs = delays, ScriptRunsUs = scriptRuns.Count > 0 ? scriptRuns : null }).Run();
        var judging = new Judging { ToleranceUs = _options.ToleranceUs, Shifts = e => ShiftOf(e, predicted.History, replay.History, applied, history) };
        ImmutableArray<Verdict> verdicts = ExpectationEvaluator.Evaluate(_scenario, history, judging);
        var replayJudging = new Judging { ToleranceUs = _options.ToleranceUs, Shifts = e => ShiftOf(e, predicted.History, replay.History, []) };
        ImmutableArray<Verdict> replayVerdicts = ExpectationEvaluator.Evaluate(_scenario, replay.History, replayJudging);
        var logs = _scenario.Nodes.ToDictionary(
            n => n.Name,
            n => (IReadOnlyList<(long, string)>)[.. lines.Where(l => l.Node == n.Name).Select(l => (l.RawUs - _t0, l.Text))],
            StringComparer.Ordinal);
        return new LabRun
        {
            Scenario = _scenario,
            RunId = _runId,
            Implementations = implementations,
            VrrplabBinary = implementations.ContainsValue(NodeImplementation.Vrrplab) || _scenario.Timeline.Any(e => e.Action is FloodAction) ? _options.VrrplabDescription : null,
            ToleranceUs = _options.ToleranceUs,
            SetupUs = setupUs,
            TeardownUs = teardownUs,
            Log = log,
            History = history,
            Verdicts = verdicts,
            Predicted = predicted,
            PredictedVerdicts = predictedVerdicts,
            ReplayVerdicts = replayVerdicts,
            Replay = replay,
            Diff = LabDiff.Compute(replay.History, history, predicted.History),
            Actions = applied,
            Startups = startups,
            LogMinusWireUs = logMinusWire,
            Notes = _notes,
            DaemonLogs = logs,
        };
    }

    /// <summary>
    /// How far an expectation's windows move in the real run: what the measured start-ups, script runs and
    /// action times move the predicted event by (the simulator replayed with them, <see cref="ReplayScenario"/>,
    /// against the plain prediction; the lateness of the action the expectation is anchored at is named in
    /// the evidence, and is in the replay, not added again). <c>takeover</c> and <c>eventually</c>: the
    /// node's MASTER entry they are about; <c>never</c>, <c>at</c> and <c>state</c>: the predicted state
    /// change nearest their time. With <paramref name="real"/>, a takeover one Master_Down_Interval after
    /// its node's own earlier BACKUP entry is also anchored at that real entry (<see cref="ChainAnchor"/>).
    /// Each shift says why in the evidence.
    /// </summary>
    internal static WindowShift ShiftOf(Expectation e, SimHistory predicted, SimHistory replay, IReadOnlyList<AppliedAction> applied, SimHistory? real = null)
    {
        if (e is OutageExpectation outage)
        {
            return OutageShift(outage, predicted, replay);
        }

        (string? node, long at) = e switch
        {
            TakeoverExpectation t => (t.Node, t.After.Microseconds),
            EventuallyMasterExpectation ev => (ev.Node, ev.After.Microseconds),
            NeverMasterExpectation n => ((string?)null, n.After.Microseconds),
            MasterAtExpectation m => (null, m.At.Microseconds),
            StatesAtExpectation s => (null, s.At.Microseconds),
            _ => (null, -1L),
        };
        if (at < 0)
        {
            return WindowShift.None;
        }

        long warp = node is not null ? MasterWarp(node, at, predicted, replay) ?? Warp(at, predicted, replay) : Warp(at, predicted, replay);
        var why = new List<string>();
        if (warp != 0)
        {
            why.Add($"the simulator replayed with the measured start-ups, script runs and action times moves it by {Judging.Milliseconds(warp, plus: true)}");
        }

        // The replay already applies each action when the lab did: its lateness is in the warp (a crash 12 ms
        // late moves a takeover timed from the last advert heard by nothing; a SIGTERM 12 ms late, by 12 ms).
        if (applied.Where(a => a.AtUs == at && a.Action is not StartAction and not ScriptAction).OrderByDescending(a => ActionRecord.NodeOf(a.Action) == node).FirstOrDefault() is { LatenessUs: > 0 } action)
        {
            why.Add($"the {action.Action.Keyword} at {Engine.Time.Duration.FormatSeconds(at)} was applied {Judging.Milliseconds(action.LatenessUs)} late, in the replay too");
        }

        if (e is TakeoverExpectation chained && real is not null && ChainAnchor(chained.Node, at, replay, real) is { } anchor)
        {
            warp += anchor.Us;
            why.Add(anchor.Why);
        }

        return warp == 0 ? WindowShift.None : new WindowShift(warp, string.Join("; ", why));
    }

    /// <summary>
    /// An <c>outage</c>'s bounds move by how much longer (or shorter) the replay's longest outage is than the
    /// prediction's: a node that started 48 ms late sends its adverts 48 ms later, so its backup takes over,
    /// and the client's interruption after its crash ends, 48 ms later for real too. Its start does not move.
    /// </summary>
    private static WindowShift OutageShift(OutageExpectation e, SimHistory predicted, SimHistory replay)
    {
        static long? Longest(Verdict v) => v.FocusUs is { } a && v.FocusEndUs is { } b ? b - a : null;
        if (Longest(ExpectationEvaluator.Evaluate(e, predicted)) is not { } p || Longest(ExpectationEvaluator.Evaluate(e, replay)) is not { } r || r == p)
        {
            return WindowShift.None;
        }

        return new WindowShift(0, $"the simulator replayed with the measured start-ups, script runs and action times changes the longest outage by {Judging.Milliseconds(r - p, plus: true)}") { BoundUs = r - p };
    }

    /// <summary>
    /// The scenario the replay runs: every timeline action when the lab really applied it (due plus its
    /// lateness: a flood from its first datagram on the wire, a partition or a loss change when its nft
    /// transaction returned, a signal when it was sent), the prediction when it was due. Not a
    /// <c>start</c> (the measured start-ups, from the due time, include the exec's lateness) nor a
    /// <c>script</c> result (the replay runs each check when it really ran).
    /// </summary>
    internal static Scenario ReplayScenario(Scenario scenario, IReadOnlyList<AppliedAction> applied) =>
        scenario with
        {
            Timeline = [.. scenario.Timeline.Select(e => e.Action is not StartAction and not ScriptAction
                && applied.FirstOrDefault(a => ReferenceEquals(a.Action, e.Action)) is { LatenessUs: > 0 } a
                ? e with { At = Engine.Time.Duration.FromMicroseconds(e.At.Microseconds + a.LatenessUs) }
                : e)],
        };

    /// <summary>
    /// Each crash of a node, from its freeze (<c>crash-kill</c>, the moment the host vanished) to the end
    /// of the lab's interface commands (<c>host down</c>, or the freeze plus 1 s when the host was already down).
    /// </summary>
    internal static List<(string Node, long From, long To)> CrashWindows(IReadOnlyList<LabMark> marks)
    {
        var list = new List<(string, long, long)>();
        foreach (LabMark m in marks.Where(m => m.What == "crash-kill"))
        {
            LabMark? down = marks.Where(d => d.Node == m.Node && d.What == "host down" && d.RawUs >= m.RawUs).MinBy(d => d.RawUs);
            list.Add((m.Node, m.RawUs, down?.RawUs ?? m.RawUs + 1_000_000));
        }

        return list;
    }

    /// <summary>The replay's time minus the prediction's of <paramref name="node"/>'s first MASTER entry at or after <paramref name="after"/> (in each).</summary>
    private static long? MasterWarp(string node, long after, SimHistory predicted, SimHistory replay)
    {
        // The first entry at or after the anchor in each: an extra entry before it (a start race the replay
        // reproduces) does not pair the wrong entries.
        StateRecord? p = predicted.States.FirstOrDefault(s => s.Node == node && s.To == VrrpState.Master && s.TimeUs >= after);
        StateRecord? r = replay.States.FirstOrDefault(s => s.Node == node && s.To == VrrpState.Master && s.TimeUs >= after);
        return p is not null && r is not null ? r.TimeUs - p.TimeUs : null;
    }

    /// <summary>The replay's time minus the prediction's of the predicted state change nearest <paramref name="t"/> (the same change: node, instance, state and occurrence).</summary>
    private static long Warp(long t, SimHistory predicted, SimHistory replay)
    {
        StateRecord? nearest = predicted.States.Where(s => s.From != VrrpState.Init || s.TimeUs > 0)
            .OrderBy(s => Math.Abs(s.TimeUs - t)).ThenBy(s => s.TimeUs > t).FirstOrDefault();
        if (nearest is null)
        {
            return 0;
        }

        // Only when the instance goes through the same states in both: otherwise the k-th entry is another event.
        if (!predicted.StatesOf(nearest.Node, nearest.Instance).Select(s => s.To).SequenceEqual(replay.StatesOf(nearest.Node, nearest.Instance).Select(s => s.To)))
        {
            return 0;
        }

        bool Same(StateRecord s) => s.Node == nearest.Node && s.Instance == nearest.Instance && s.To == nearest.To;
        int k = predicted.States.Where(Same).TakeWhile(s => !ReferenceEquals(s, nearest)).Count();
        StateRecord[] r = [.. replay.States.Where(Same)];
        return k < r.Length ? r[k].TimeUs - nearest.TimeUs : 0;
    }
}
