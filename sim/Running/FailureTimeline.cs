using VrrpLab.Engine.Time;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Running;

/// <summary>
/// The compact timeline printed under a failed scenario: actions, state changes and VIP changes
/// of the whole run, plus advertisement drops and lost packets near the failing verdicts' times.
/// </summary>
public static class FailureTimeline
{
    /// <summary>Lines such as <c>30.805s  node2  state BACKUP -> MASTER (VI_1, master down timer)</c>, at most <paramref name="maxLines"/>.</summary>
    public static IReadOnlyList<string> Build(ScenarioResult result, int maxLines = 40)
    {
        SimHistory h = result.Simulation.History;
        long[] focus = [.. result.Verdicts.Where(v => !v.Passed && v.FocusUs is not null).Select(v => v.FocusUs!.Value)];
        const long Near = 3_000_000;
        bool IsNear(long t) => focus.Any(f => Math.Abs(f - t) <= Near);

        var items = new List<(long T, int Order, string Node, string Text)>();
        int order = 0;
        foreach (ActionRecord a in h.Actions)
        {
            items.Add((a.TimeUs, order++, "*", $"action {a.Action.Keyword} {a.Action.Describe()}"));
        }

        foreach (StateRecord s in h.States)
        {
            items.Add((s.TimeUs, order++, s.Node, $"state {Name(s.From)} -> {Name(s.To)} ({s.Instance}, {s.Cause})"));
        }

        foreach (VipRecord v in h.Vips)
        {
            items.Add((v.TimeUs, order++, v.Node, $"{(v.Added ? "vip_add" : "vip_del")} {v.Address} on {v.Interface}{(v.Added ? "" : $" ({v.Cause})")}"));
        }

        // Drops near the failure, aggregated per (second, node, reason, source) so a lossy minute stays short.
        var drops = new SortedDictionary<(long Second, string Node, string What), (long First, int Count)>();
        foreach (RunEvent e in result.Simulation.Log)
        {
            string? what = e switch
            {
                AdvertDroppedRecord d => "advert_drop " + d.Reason + " (from " + d.Source + ")",
                PacketLostRecord p => "packet_lost " + p.Reason + (p.Source is null ? "" : " (from " + p.Source + ")"),
                _ => null,
            };
            if (what is not null && IsNear(e.TimeUs))
            {
                var key = (e.TimeUs / 1_000_000, e.Node, what);
                drops[key] = drops.TryGetValue(key, out (long First, int Count) d) ? (d.First, d.Count + 1) : (e.TimeUs, 1);
            }
        }

        foreach (KeyValuePair<(long Second, string Node, string What), (long First, int Count)> d in drops)
        {
            string more = d.Value.Count > 1 ? $" x{d.Value.Count} before {Duration.FormatSeconds((d.Key.Second + 1) * 1_000_000)}" : "";
            items.Add((d.Value.First, order++, d.Key.Node, d.Key.What + more));
        }

        items.Sort((x, y) => x.T != y.T ? x.T.CompareTo(y.T) : x.Order.CompareTo(y.Order));
        if (items.Count > maxLines && focus.Length > 0)
        {
            // Keep the lines closest to the failure.
            long f = focus.Min();
            items = [.. items.OrderBy(i => Math.Abs(i.T - f)).ThenBy(i => i.Order).Take(maxLines).OrderBy(i => i.T).ThenBy(i => i.Order)];
        }
        else if (items.Count > maxLines)
        {
            items = items.GetRange(0, maxLines);
        }

        return [.. items.Select(i => $"{Duration.FormatSeconds(i.T),12}  {i.Node,-10} {i.Text}")];
    }

    private static string Name(Engine.StateMachine.VrrpState s) => s.ToString().ToUpperInvariant();
}
