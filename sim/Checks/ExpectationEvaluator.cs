// Over 400 lines: one evaluation per expectation kind over the same history indexes; each is a short method.
using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Checks;

/// <summary>
/// Checks a scenario's expectations against a run's <see cref="SimHistory"/>, exactly, from the
/// recorded events (never by sampling). Each verdict carries its evidence.
/// </summary>
public static class ExpectationEvaluator
{
    /// <summary>Every expectation of the scenario, in file order.</summary>
    public static ImmutableArray<Verdict> Evaluate(SimulationResult run) => Evaluate(run.Scenario, run.History);

    /// <summary>
    /// Every expectation of <paramref name="scenario"/> against a history (the simulator's or the
    /// lab's), in file order; <paramref name="judging"/> defaults to <see cref="Judging.Exact"/>.
    /// </summary>
    public static ImmutableArray<Verdict> Evaluate(Scenario scenario, SimHistory history, Judging? judging = null) =>
        [.. scenario.Expectations.Select(e => e is PropertyExpectation p
            ? Properties.PropertyChecks.Evaluate(p, scenario, history)
            : Evaluate(e, history, judging))];

    /// <summary>One expectation, judged exactly or with <paramref name="judging"/>'s tolerance and shifts.</summary>
    public static Verdict Evaluate(Expectation e, SimHistory h, Judging? judging = null)
    {
        Judging j = judging ?? Judging.Exact;
        WindowShift shift = j.ShiftOf(e);
        return e switch
        {
            SingleMasterExpectation s => SingleMaster(s, h, j),
            VipOnlyOnMasterExpectation v => VipOnlyOnMaster(v, h, j),
            MasterAtExpectation m => MasterAt(m, m.At.Microseconds + shift.Us, m.Node, h, "at", j, shift),
            StatesAtExpectation s => StatesAt(s, h, j, shift),
            EventuallyMasterExpectation ev => OnInstance(ev, ev.Node, h, i => Eventually(ev, i, h, j, shift)),
            NeverMasterExpectation n => OnInstance(n, n.Node, h, i => Never(n, i, h, j, shift)),
            VipMovesExpectation v => VipMoves(v, h),
            OutageExpectation o => Outage(o, h, j, shift),
            TransitionsExpectation t => Transitions(t, h),
            FinalMasterExpectation f => MasterAt(f, h.EndUs, f.Node, h, "at the end", j, WindowShift.None),
            TakeoverExpectation t => OnInstance(t, t.Node, h, i => Takeover(t, i, h, j, shift)),
            PropertyExpectation p => new Verdict(p, false, "a property needs the scenario as well: evaluate the whole run"),
            _ => new Verdict(e, false, "unknown expectation"),
        };
    }

    /// <summary>
    /// The instants to look at for a point check at <paramref name="t"/> judged with a tolerance: t itself
    /// first, then the window's start and every state change of the selected instances inside it.
    /// </summary>
    private static List<long> Candidates(Expectation e, SimHistory h, long t, long tol, long? upper = null)
    {
        var list = new List<long> { t };
        if (tol <= 0)
        {
            return list;
        }

        long lo = Math.Max(0, t - tol);
        long hi = Math.Min(upper ?? h.EndUs, t + tol);
        list.Add(lo);
        foreach (InstanceInfo i in Selected(e, h))
        {
            list.AddRange(h.StatesOf(i.Node, i.Instance).Select(r => r.TimeUs).Where(x => x > lo && x <= hi));
        }

        return [.. list.Where(x => x <= (upper ?? h.EndUs)).Distinct()];
    }

    private static string T(long us) => us == long.MaxValue ? "the end" : Duration.FormatSeconds(us);

    private static string D(long us) => Duration.FormatSeconds(us);

    private static string S(VrrpState s) => s.ToString().ToUpperInvariant();

    /// <summary>The instances an expectation is about (by <c>instance:</c>, <c>vrid:</c>, or all).</summary>
    public static IEnumerable<InstanceInfo> Selected(Expectation e, SimHistory h) =>
        h.Instances.Where(i => (e.Instance is null || i.Instance == e.Instance) && (e.Vrid is null || i.Vrid == e.Vrid));

    private static InstanceInfo? For(string node, Expectation e, SimHistory h) => Selected(e, h).FirstOrDefault(i => i.Node == node);

    private static Verdict NoInstance(Expectation e, string node) =>
        new(e, false, $"{node} runs no matching VRRP instance");

    /// <summary>An expectation about one node's instance: <paramref name="judge"/>'s verdict on it, or failed when the node runs none that matches.</summary>
    private static Verdict OnInstance(Expectation e, string node, SimHistory h, Func<InstanceInfo, Verdict> judge) =>
        For(node, e, h) is { } i ? judge(i) : NoInstance(e, node);

    private static string Summary(Expectation e, SimHistory h, long t) =>
        string.Join(", ", Selected(e, h).Select(i => $"{i.Node} {S(h.StateAt(i.Node, i.Instance, t))}"));

    private static Verdict MasterAt(Expectation e, long t, string? node, SimHistory h, string when, Judging j, WindowShift shift)
    {
        if (t > h.EndUs && t - j.ToleranceUs > h.EndUs)
        {
            return new Verdict(e, false, $"{T(t)} is after the end of the run ({T(h.EndUs)})") { FocusUs = h.EndUs };
        }

        string[] MastersAt(long x) => [.. Selected(e, h).Where(i => h.StateAt(i.Node, i.Instance, x) == VrrpState.Master).Select(i => i.Node)];
        bool Holds(string[] m) => node is null ? m.Length == 0 : m.Length == 1 && m[0] == node;
        long asked = Math.Min(t, h.EndUs);
        long? heldAt = Candidates(e, h, asked, j.ToleranceUs).Cast<long?>().FirstOrDefault(x => Holds(MastersAt(x!.Value)));
        string[] masters = MastersAt(asked);
        bool ok = heldAt is not null;
        string within = heldAt is { } ha && ha != asked ? $"; it held at {T(ha)}, within the tolerance" : "";
        t = asked;
        string where = when == "at" ? $"at {T(t)}" : $"at the end ({T(t)})";
        string expected = node is null ? "expected no MASTER" : $"expected {node} as the only MASTER";
        string got = masters.Length switch
        {
            0 => "no MASTER",
            1 => $"{masters[0]} was MASTER",
            _ => $"{masters.Length} MASTERs ({string.Join(", ", masters)})",
        };
        return new Verdict(e, ok, $"{where}: {got} [{Summary(e, h, t)}]" + (ok ? within : "; " + expected) + j.Note(shift)) { FocusUs = t };
    }

    private static Verdict StatesAt(StatesAtExpectation e, SimHistory h, Judging j, WindowShift shift)
    {
        long t = Math.Min(e.At.Microseconds + shift.Us, h.EndUs);
        var instances = new List<(NodeState Want, InstanceInfo Info)>();
        foreach (NodeState ns in e.States)
        {
            InstanceInfo? i = For(ns.Node, e, h);
            if (i is null)
            {
                return NoInstance(e, ns.Node);
            }

            instances.Add((ns, i));
        }

        List<string> Wrong(long x) =>
        [
            .. instances
                .Select(p => (p.Want, Actual: h.StateAt(p.Info.Node, p.Info.Instance, x)))
                .Where(p => p.Actual != p.Want.State)
                .Select(p => $"{p.Want.Node} was {S(p.Actual)}, expected {S(p.Want.State)}"),
        ];

        List<string> wrong = Wrong(t);
        if (wrong.Count == 0)
        {
            return new Verdict(e, true, $"at {T(t)}: {Summary(e, h, t)}" + j.Note(shift)) { FocusUs = t };
        }

        long? heldAt = Candidates(e, h, t, j.ToleranceUs).Skip(1).Cast<long?>().FirstOrDefault(x => Wrong(x!.Value).Count == 0);
        return heldAt is { } at
            ? new Verdict(e, true, $"at {T(t)}: {string.Join("; ", wrong)}; it held at {T(at)}, within the tolerance" + j.Note(shift)) { FocusUs = t }
            : new Verdict(e, false, $"at {T(t)}: {string.Join("; ", wrong)}" + j.Note(shift)) { FocusUs = t };
    }

    private static StateRecord? FirstMasterEntry(SimHistory h, InstanceInfo i, long afterInclusive, long until) =>
        h.StatesOf(i.Node, i.Instance).FirstOrDefault(r => r.To == VrrpState.Master && r.TimeUs >= afterInclusive && r.TimeUs <= until);

    private static Verdict Eventually(EventuallyMasterExpectation e, InstanceInfo i, SimHistory h, Judging j, WindowShift shift)
    {
        long tol = j.ToleranceUs;
        long a = e.After.Microseconds + shift.Us;
        long from = Math.Max(0, a - tol);
        long b = Math.Min(a + e.Within.Microseconds + tol, h.EndUs);
        string note = j.Note(shift);
        if (h.StateAt(i.Node, i.Instance, from) == VrrpState.Master)
        {
            return new Verdict(e, true, $"{e.Node} was MASTER at {T(from)}" + note) { FocusUs = from };
        }

        if (FirstMasterEntry(h, i, from, b) is { } r)
        {
            return new Verdict(e, true, $"{e.Node} became MASTER at {T(r.TimeUs)}, within [{T(a)}, {T(a + e.Within.Microseconds)}]" + note) { FocusUs = r.TimeUs };
        }

        StateRecord? later = FirstMasterEntry(h, i, b + 1, long.MaxValue);
        string next = later is null ? "and never became MASTER later" : $"it became MASTER only at {T(later.TimeUs)}";
        return new Verdict(e, false, $"{e.Node} was not MASTER in [{T(a)}, {T(a + e.Within.Microseconds)}] (it was {S(h.StateAt(i.Node, i.Instance, b))} at {T(b)}); {next}" + note) { FocusUs = b };
    }

    private static Verdict Never(NeverMasterExpectation e, InstanceInfo i, SimHistory h, Judging j, WindowShift shift)
    {
        long tol = j.ToleranceUs;
        long a = e.After.Microseconds + shift.Us + tol;
        long b = Math.Min((e.Before is { } before ? before.Microseconds + shift.Us - tol : h.EndUs), h.EndUs);
        string note = j.Note(shift);
        if (h.StateAt(i.Node, i.Instance, a) == VrrpState.Master)
        {
            return new Verdict(e, false, $"{e.Node} was MASTER at {T(a)}" + note) { FocusUs = a };
        }

        if (FirstMasterEntry(h, i, a, b) is { } r)
        {
            return new Verdict(e, false, $"{e.Node} became MASTER at {T(r.TimeUs)} ({r.Cause})" + note) { FocusUs = r.TimeUs };
        }

        return new Verdict(e, true, $"{e.Node} was never MASTER in [{T(a)}, {T(b)}]" + note) { FocusUs = a, FocusEndUs = b };
    }

    private static Verdict Takeover(TakeoverExpectation e, InstanceInfo i, SimHistory h, Judging j, WindowShift shift)
    {
        long tol = j.ToleranceUs;
        long a = e.After.Microseconds + shift.Us;
        string window = $"[{T(a + e.Min.Microseconds)}, {T(a + e.Max.Microseconds)}]";
        string note = j.Note(shift);
        StateRecord? r = FirstMasterEntry(h, i, Math.Max(0, a - tol), long.MaxValue);
        if (r is null)
        {
            return new Verdict(e, false, $"{e.Node} never became MASTER after {T(a)}, expected within {window}" + note) { FocusUs = a + e.Max.Microseconds };
        }

        bool ok = r.TimeUs >= a + e.Min.Microseconds - tol && r.TimeUs <= a + e.Max.Microseconds + tol;
        string after = r.TimeUs >= a ? $"{T(r.TimeUs - a)} after {T(a)}" : $"{T(a - r.TimeUs)} before {T(a)}";
        return new Verdict(e, ok, $"{e.Node} became MASTER at {T(r.TimeUs)} ({after}), expected within {window}" + note) { FocusUs = r.TimeUs };
    }

    private static Verdict Transitions(TransitionsExpectation e, SimHistory h)
    {
        var problems = new List<string>();
        var seen = new List<string>();
        long? focus = null;
        foreach (NodeTransitions nt in e.Nodes)
        {
            InstanceInfo? i = For(nt.Node, e, h);
            if (i is null)
            {
                return NoInstance(e, nt.Node);
            }

            StateRecord[] entered = [.. h.StatesOf(i.Node, i.Instance).Where(r => r.To != VrrpState.Init)];
            string actual = entered.Length == 0 ? "(none)" : string.Join(" ", entered.Select(r => S(r.To)));
            seen.Add($"{nt.Node}: {actual}");
            if (!entered.Select(r => r.To).SequenceEqual(nt.States))
            {
                int k = 0;
                while (k < entered.Length && k < nt.States.Length && entered[k].To == nt.States[k])
                {
                    k++;
                }

                focus ??= k < entered.Length ? entered[k].TimeUs : entered.Length > 0 ? entered[^1].TimeUs : 0;
                string expected = nt.States.Length == 0 ? "(none)" : string.Join(" ", nt.States.Select(S));
                string detail = string.Join(", ", entered.Select(r => $"{S(r.To)} at {T(r.TimeUs)}"));
                problems.Add($"{nt.Node} entered {actual}, expected {expected} ({detail})");
            }
        }

        return problems.Count == 0
            ? new Verdict(e, true, string.Join("; ", seen))
            : new Verdict(e, false, string.Join("; ", problems)) { FocusUs = focus };
    }

    private static ImmutableArray<IPAddress> VipsOf(Expectation e, SimHistory h)
    {
        var list = new List<IPAddress>();
        foreach (InstanceInfo i in Selected(e, h))
        {
            foreach (IPAddress a in i.Vips)
            {
                if (!list.Contains(a))
                {
                    list.Add(a);
                }
            }
        }

        return [.. list];
    }

    /// <summary>
    /// The moves of <paramref name="vip"/> as its users experience them (spec: "the owner is the host
    /// the segment's client sends the VIP's traffic to (its neighbour entry)"): every change of a
    /// segment client's neighbour entry to another host after the first acquisition, including a move
    /// to a backup and back while a frozen master still holds the VIP. With clients on several
    /// segments, the client that saw the most moves.
    /// </summary>
    public static List<(long TimeUs, string From, string To)> VipMoves(IPAddress vip, SimHistory h) =>
        h.Clients.Where(c => c.Vip.Equals(vip)).Select(c => c.Moves()).OrderByDescending(m => m.Count).FirstOrDefault() ?? [];

    private static Verdict VipMoves(VipMovesExpectation e, SimHistory h)
    {
        ImmutableArray<IPAddress> vips = VipsOf(e, h);
        if (vips.IsEmpty)
        {
            return new Verdict(e, false, "the selected instances have no virtual addresses");
        }

        ClientView[] views = [.. h.Clients.Where(c => vips.Contains(c.Vip))];
        if (views.Length == 0)
        {
            return new Verdict(e, false, "no segment client uses the selected instances' virtual addresses");
        }

        (ClientView view, List<(long TimeUs, string From, string To)> moves) = views
            .Select(v => (v, v.Moves()))
            .OrderByDescending(x => x.Item2.Count)
            .First();
        int n = moves.Count;
        bool ok = (e.Exactly is null || n == e.Exactly) && (e.Min is null || n >= e.Min) && (e.Max is null || n <= e.Max);
        string list = n == 0
            ? view.Neighbours.Count > 0 ? "" : " (it never reached it)"
            : ": " + string.Join(", ", moves.Select(m => $"{m.From} -> {m.To} at {T(m.TimeUs)}"));
        string bound = e.Describe();
        return new Verdict(e, ok, $"{n} VIP move{(n == 1 ? "" : "s")} of {view.Vip} seen from the client on {view.Segment}{list}" + (ok ? "" : $"; expected {bound["vip_moves ".Length..]}"))
        {
            FocusUs = n > 0 ? moves[^1].TimeUs : null,
        };
    }

    private static Verdict Outage(OutageExpectation e, SimHistory h, Judging j, WindowShift shift)
    {
        long tol = j.ToleranceUs;
        ImmutableArray<IPAddress> vips = VipsOf(e, h);
        ClientView[] views = [.. h.Clients.Where(c => vips.Contains(c.Vip))];
        if (views.Length == 0)
        {
            return new Verdict(e, false, "no segment client uses the selected instances' virtual addresses");
        }

        long worst = -1;
        (long Start, long End) worstSpan = default;
        ClientView? worstView = null;
        foreach (ClientView v in views)
        {
            long? from = e.After is { } start ? start.Microseconds + shift.Us : v.FirstAcquiredUs;
            if (from is null)
            {
                return new Verdict(e, false, $"{v.Vip} was never configured on any host of {v.Segment}: the client never reached it") { FocusUs = h.EndUs };
            }

            foreach ((long s, long en) in v.Outages)
            {
                long a = Math.Max(s, from.Value);
                long b = Math.Min(en, h.EndUs);
                if (b > a && b - a > worst)
                {
                    worst = b - a;
                    worstSpan = (a, b);
                    worstView = v;
                }
            }
        }

        string afterText = e.After is { } af ? $"after {af}" : "after the first acquisition";
        if (worst < 0)
        {
            bool none = e.Min is null || e.Min.Value.Microseconds + shift.BoundUs - tol <= 0;
            return new Verdict(e, none, $"no outage {afterText}" + (none ? "" : $", expected at least {e.Min}") + j.Note(shift));
        }

        bool tooLong = e.Max is { } mx && worst > mx.Microseconds + shift.BoundUs + tol;
        bool tooShort = e.Min is { } mn && worst < mn.Microseconds + shift.BoundUs - tol;
        string end = worstSpan.End >= h.EndUs ? $"{T(worstSpan.End)} (end of run)" : T(worstSpan.End);
        string why = tooLong ? $", expected at most {e.Max}" : tooShort ? $", expected at least {e.Min}" : "";
        return new Verdict(e, !tooLong && !tooShort,
            $"longest outage {D(worst)} from {T(worstSpan.Start)} to {end} ({worstView!.Vip} seen from the client on {worstView.Segment}){why}{j.Note(shift)}")
        {
            FocusUs = worstSpan.Start,
            FocusEndUs = worstSpan.End,
        };
    }

    private static Verdict SingleMaster(SingleMasterExpectation e, SimHistory h, Judging j)
    {
        InstanceInfo[] inst = [.. Selected(e, h)];
        long worst = 0;
        string worstText = "";
        bool failed = false;
        long? focus = null;
        long? focusEnd = null;
        for (int x = 0; x < inst.Length; x++)
        {
            for (int y = x + 1; y < inst.Length; y++)
            {
                InstanceInfo a = inst[x];
                InstanceInfo b = inst[y];
                if (a.Vrid != b.Vrid || a.Segment is null || b.Segment is null || (a.Segment != b.Segment && !(a.Unicast && b.Unicast)) || a.NodeIndex == b.NodeIndex)
                {
                    continue;
                }

                long grace = e.Grace?.Microseconds ?? Math.Max(a.AdvertInterval.Microseconds, b.AdvertInterval.Microseconds);
                foreach ((long start, long end) in BothMaster(a, b, h))
                {
                    long len = end - start;
                    string text = $"{a.Node} and {b.Node} were both MASTER of VRID {a.Vrid} and could reach each other from {T(start)} to {T(end)} ({D(len)}, grace {D(grace)})";
                    if (len > grace + j.ToleranceUs && !failed)
                    {
                        failed = true;
                        worst = len;
                        worstText = text;
                        focus = start;
                        focusEnd = end;
                    }
                    else if (!failed && len > worst)
                    {
                        worst = len;
                        worstText = text;
                    }
                }
            }
        }

        if (failed)
        {
            return new Verdict(e, false, worstText + j.Note(WindowShift.None)) { FocusUs = focus, FocusEndUs = focusEnd };
        }

        return new Verdict(e, true, (worst == 0 ? "never two MASTERs that could reach each other" : "longest overlap within grace: " + worstText) + j.Note(WindowShift.None));
    }

    /// <summary>Maximal intervals during which both instances were MASTER and could reach each other.</summary>
    public static List<(long Start, long End)> BothMaster(InstanceInfo a, InstanceInfo b, SimHistory h)
    {
        var times = new SortedSet<long> { 0 };
        foreach (StateRecord r in h.StatesOf(a.Node, a.Instance))
        {
            times.Add(r.TimeUs);
        }

        foreach (StateRecord r in h.StatesOf(b.Node, b.Instance))
        {
            times.Add(r.TimeUs);
        }

        foreach (TopologySnapshot t in h.Topology)
        {
            times.Add(t.TimeUs);
        }

        var result = new List<(long, long)>();
        long? open = null;
        foreach (long t in times)
        {
            if (t > h.EndUs)
            {
                break;
            }

            bool bad = h.StateAt(a.Node, a.Instance, t) == VrrpState.Master
                && h.StateAt(b.Node, b.Instance, t) == VrrpState.Master
                && h.CanReach(a, b, t);
            if (bad && open is null)
            {
                open = t;
            }
            else if (!bad && open is { } o)
            {
                result.Add((o, t));
                open = null;
            }
        }

        if (open is { } last && h.EndUs > last)
        {
            result.Add((last, h.EndUs));
        }

        return result;
    }

    private static Verdict VipOnlyOnMaster(VipOnlyOnMasterExpectation e, SimHistory h, Judging j)
    {
        var selected = Selected(e, h).ToList();
        var open = new Dictionary<(string Node, string Iface, string Vip), VipRecord>();
        var spans = new List<(VipRecord Add, long End)>();
        foreach (VipRecord r in h.Vips)
        {
            var key = (r.Node, r.Interface, r.Address.ToString());
            if (r.Added)
            {
                open[key] = r;
            }
            else if (open.Remove(key, out VipRecord? add))
            {
                spans.Add((add, r.TimeUs));
            }
        }

        foreach (VipRecord add in open.Values.OrderBy(v => v.TimeUs).ThenBy(v => v.Node, StringComparer.Ordinal).ThenBy(v => v.Interface, StringComparer.Ordinal))
        {
            spans.Add((add, h.EndUs));
        }

        foreach ((VipRecord add, long end) in spans.OrderBy(s => s.Add.TimeUs))
        {
            InstanceInfo? owner = selected.FirstOrDefault(i => i.Node == add.Node && i.Instance == add.Instance);
            if (owner is null || end <= add.TimeUs)
            {
                continue;
            }

            // Check the owner's state on every piece of [add, end) between its state changes.
            var cuts = new List<long> { add.TimeUs };
            cuts.AddRange(h.StatesOf(owner.Node, owner.Instance).Where(r => r.TimeUs > add.TimeUs && r.TimeUs < end).Select(r => r.TimeUs));
            for (int k = 0; k < cuts.Count; k++)
            {
                VrrpState st = h.StateAt(owner.Node, owner.Instance, cuts[k]);
                long until = k + 1 < cuts.Count ? cuts[k + 1] : end;
                if (st != VrrpState.Master && until - cuts[k] > j.ToleranceUs)
                {
                    return new Verdict(e, false, $"{add.Address} was on {add.Node}:{add.Interface} while {owner.Instance} there was {S(st)}, from {T(cuts[k])} to {T(until)}" + j.Note(WindowShift.None)) { FocusUs = cuts[k], FocusEndUs = until };
                }
            }
        }

        return new Verdict(e, true, $"every VIP was held only by a MASTER ({spans.Count} holding period{(spans.Count == 1 ? "" : "s")})" + j.Note(WindowShift.None));
    }
}
