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

    /// <summary>Every expectation of <paramref name="scenario"/> against a history (the simulator's or the lab's), in file order.</summary>
    public static ImmutableArray<Verdict> Evaluate(Scenario scenario, SimHistory history) =>
        [.. scenario.Expectations.Select(e => e is PropertyExpectation p
            ? Properties.PropertyChecks.Evaluate(p, scenario, history)
            : Evaluate(e, history))];

    /// <summary>One expectation.</summary>
    public static Verdict Evaluate(Expectation e, SimHistory h) => e switch
    {
        SingleMasterExpectation s => SingleMaster(s, h),
        VipOnlyOnMasterExpectation v => VipOnlyOnMaster(v, h),
        MasterAtExpectation m => MasterAt(m, m.At.Microseconds, m.Node, h, "at"),
        StatesAtExpectation s => StatesAt(s, h),
        EventuallyMasterExpectation ev => Eventually(ev, h),
        NeverMasterExpectation n => Never(n, h),
        VipMovesExpectation v => VipMoves(v, h),
        OutageExpectation o => Outage(o, h),
        TransitionsExpectation t => Transitions(t, h),
        FinalMasterExpectation f => MasterAt(f, h.EndUs, f.Node, h, "at the end"),
        TakeoverExpectation t => Takeover(t, h),
        PropertyExpectation p => new Verdict(p, false, "a property needs the scenario as well: evaluate the whole run"),
        _ => new Verdict(e, false, "unknown expectation"),
    };

    private static string T(long us) => us == long.MaxValue ? "the end" : Duration.FormatSeconds(us);

    private static string D(long us) => Duration.FormatSeconds(us);

    private static string S(VrrpState s) => s.ToString().ToUpperInvariant();

    /// <summary>The instances an expectation is about (by <c>instance:</c>, <c>vrid:</c>, or all).</summary>
    public static IEnumerable<InstanceInfo> Selected(Expectation e, SimHistory h) =>
        h.Instances.Where(i => (e.Instance is null || i.Instance == e.Instance) && (e.Vrid is null || i.Vrid == e.Vrid));

    private static InstanceInfo? For(string node, Expectation e, SimHistory h) => Selected(e, h).FirstOrDefault(i => i.Node == node);

    private static Verdict NoInstance(Expectation e, string node) =>
        new(e, false, $"{node} runs no matching VRRP instance");

    private static string Summary(Expectation e, SimHistory h, long t) =>
        string.Join(", ", Selected(e, h).Select(i => $"{i.Node} {S(h.StateAt(i.Node, i.Instance, t))}"));

    private static Verdict MasterAt(Expectation e, long t, string? node, SimHistory h, string when)
    {
        if (t > h.EndUs)
        {
            return new Verdict(e, false, $"{T(t)} is after the end of the run ({T(h.EndUs)})") { FocusUs = h.EndUs };
        }

        string[] masters = [.. Selected(e, h).Where(i => h.StateAt(i.Node, i.Instance, t) == VrrpState.Master).Select(i => i.Node)];
        bool ok = node is null ? masters.Length == 0 : masters.Length == 1 && masters[0] == node;
        string where = when == "at" ? $"at {T(t)}" : $"at the end ({T(t)})";
        string expected = node is null ? "expected no MASTER" : $"expected {node} as the only MASTER";
        string got = masters.Length switch
        {
            0 => "no MASTER",
            1 => $"{masters[0]} was MASTER",
            _ => $"{masters.Length} MASTERs ({string.Join(", ", masters)})",
        };
        return new Verdict(e, ok, $"{where}: {got} [{Summary(e, h, t)}]" + (ok ? "" : "; " + expected)) { FocusUs = t };
    }

    private static Verdict StatesAt(StatesAtExpectation e, SimHistory h)
    {
        long t = e.At.Microseconds;
        var wrong = new List<string>();
        foreach (NodeState ns in e.States)
        {
            InstanceInfo? i = For(ns.Node, e, h);
            if (i is null)
            {
                return NoInstance(e, ns.Node);
            }

            VrrpState actual = h.StateAt(i.Node, i.Instance, t);
            if (actual != ns.State)
            {
                wrong.Add($"{ns.Node} was {S(actual)}, expected {S(ns.State)}");
            }
        }

        return wrong.Count == 0
            ? new Verdict(e, true, $"at {T(t)}: {Summary(e, h, t)}") { FocusUs = t }
            : new Verdict(e, false, $"at {T(t)}: {string.Join("; ", wrong)}") { FocusUs = t };
    }

    private static StateRecord? FirstMasterEntry(SimHistory h, InstanceInfo i, long afterInclusive, long until) =>
        h.StatesOf(i.Node, i.Instance).FirstOrDefault(r => r.To == VrrpState.Master && r.TimeUs >= afterInclusive && r.TimeUs <= until);

    private static Verdict Eventually(EventuallyMasterExpectation e, SimHistory h)
    {
        InstanceInfo? i = For(e.Node, e, h);
        if (i is null)
        {
            return NoInstance(e, e.Node);
        }

        long a = e.After.Microseconds;
        long b = Math.Min(a + e.Within.Microseconds, h.EndUs);
        if (h.StateAt(i.Node, i.Instance, a) == VrrpState.Master)
        {
            return new Verdict(e, true, $"{e.Node} was MASTER at {T(a)}") { FocusUs = a };
        }

        if (FirstMasterEntry(h, i, a, b) is { } r)
        {
            return new Verdict(e, true, $"{e.Node} became MASTER at {T(r.TimeUs)}, within [{T(a)}, {T(a + e.Within.Microseconds)}]") { FocusUs = r.TimeUs };
        }

        StateRecord? later = FirstMasterEntry(h, i, b + 1, long.MaxValue);
        string next = later is null ? "and never became MASTER later" : $"it became MASTER only at {T(later.TimeUs)}";
        return new Verdict(e, false, $"{e.Node} was not MASTER in [{T(a)}, {T(a + e.Within.Microseconds)}] (it was {S(h.StateAt(i.Node, i.Instance, b))} at {T(b)}); {next}") { FocusUs = b };
    }

    private static Verdict Never(NeverMasterExpectation e, SimHistory h)
    {
        InstanceInfo? i = For(e.Node, e, h);
        if (i is null)
        {
            return NoInstance(e, e.Node);
        }

        long a = e.After.Microseconds;
        long b = Math.Min(e.Before?.Microseconds ?? h.EndUs, h.EndUs);
        if (h.StateAt(i.Node, i.Instance, a) == VrrpState.Master)
        {
            return new Verdict(e, false, $"{e.Node} was MASTER at {T(a)}") { FocusUs = a };
        }

        if (FirstMasterEntry(h, i, a, b) is { } r)
        {
            return new Verdict(e, false, $"{e.Node} became MASTER at {T(r.TimeUs)} ({r.Cause})") { FocusUs = r.TimeUs };
        }

        return new Verdict(e, true, $"{e.Node} was never MASTER in [{T(a)}, {T(b)}]") { FocusUs = a, FocusEndUs = b };
    }

    private static Verdict Takeover(TakeoverExpectation e, SimHistory h)
    {
        InstanceInfo? i = For(e.Node, e, h);
        if (i is null)
        {
            return NoInstance(e, e.Node);
        }

        long a = e.After.Microseconds;
        string window = $"[{T(a + e.Min.Microseconds)}, {T(a + e.Max.Microseconds)}]";
        StateRecord? r = FirstMasterEntry(h, i, a, long.MaxValue);
        if (r is null)
        {
            return new Verdict(e, false, $"{e.Node} never became MASTER after {T(a)}, expected within {window}") { FocusUs = a + e.Max.Microseconds };
        }

        bool ok = r.TimeUs >= a + e.Min.Microseconds && r.TimeUs <= a + e.Max.Microseconds;
        return new Verdict(e, ok, $"{e.Node} became MASTER at {T(r.TimeUs)} ({T(r.TimeUs - a)} after {T(a)}), expected within {window}") { FocusUs = r.TimeUs };
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

    private static Verdict Outage(OutageExpectation e, SimHistory h)
    {
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
            long? from = e.After?.Microseconds ?? v.FirstAcquiredUs;
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
            bool none = e.Min is null || e.Min.Value.Microseconds <= 0;
            return new Verdict(e, none, $"no outage {afterText}" + (none ? "" : $", expected at least {e.Min}"));
        }

        bool tooLong = e.Max is { } mx && worst > mx.Microseconds;
        bool tooShort = e.Min is { } mn && worst < mn.Microseconds;
        string end = worstSpan.End >= h.EndUs ? $"{T(worstSpan.End)} (end of run)" : T(worstSpan.End);
        string why = tooLong ? $", expected at most {e.Max}" : tooShort ? $", expected at least {e.Min}" : "";
        return new Verdict(e, !tooLong && !tooShort,
            $"longest outage {D(worst)} from {T(worstSpan.Start)} to {end} ({worstView!.Vip} seen from the client on {worstView.Segment}){why}")
        {
            FocusUs = worstSpan.Start,
            FocusEndUs = worstSpan.End,
        };
    }

    private static Verdict SingleMaster(SingleMasterExpectation e, SimHistory h)
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
                    if (len > grace && !failed)
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
            return new Verdict(e, false, worstText) { FocusUs = focus, FocusEndUs = focusEnd };
        }

        return new Verdict(e, true, worst == 0 ? "never two MASTERs that could reach each other" : "longest overlap within grace: " + worstText);
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

    private static Verdict VipOnlyOnMaster(VipOnlyOnMasterExpectation e, SimHistory h)
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
                if (st != VrrpState.Master)
                {
                    long until = k + 1 < cuts.Count ? cuts[k + 1] : end;
                    return new Verdict(e, false, $"{add.Address} was on {add.Node}:{add.Interface} while {owner.Instance} there was {S(st)}, from {T(cuts[k])} to {T(until)}") { FocusUs = cuts[k], FocusEndUs = until };
                }
            }
        }

        return new Verdict(e, true, $"every VIP was held only by a MASTER ({spans.Count} holding period{(spans.Count == 1 ? "" : "s")})");
    }
}
