using VrrpLab.Report.Model;
using VrrpLab.Sim.Events;

namespace VrrpLab.Report.Timeline;

/// <summary>
/// The lanes of one run, derived from its typed event log alone (so a simulated run and a run observed on
/// real daemons are drawn by the same code): one <see cref="StateLane"/> per node and instance, one
/// <see cref="VipLane"/> per virtual address, one <see cref="ClientLane"/> per segment client and VIP,
/// and the timeline actions applied.
/// </summary>
internal sealed class RunLanes
{
    /// <summary>Most advert runs kept per lane before neighbours are merged into bands (fewer with many lanes: see <see cref="AdvertBudgetPerLane"/>).</summary>
    public const int AdvertBudget = 1500;

    /// <summary>Most advert runs kept in one figure, shared among its lanes, so a big fleet's report stays small.</summary>
    public const int FigureAdvertBudget = 200_000;

    /// <summary>Most drop marks kept per lane before neighbours are merged into bands.</summary>
    public const int DropBudget = 600;

    private RunLanes(int run, long endUs)
    {
        Run = run;
        EndUs = endUs;
    }

    /// <summary>Index of the run in its figure.</summary>
    public int Run { get; }

    /// <summary>End of the run.</summary>
    public long EndUs { get; }

    /// <summary>State lanes: the layout's nodes and instances first, then others in order of appearance.</summary>
    public List<StateLane> States { get; } = [];

    /// <summary>VIP lanes: the layout's VIPs first, then others in order of appearance.</summary>
    public List<VipLane> Vips { get; } = [];

    /// <summary>Client lanes in order of appearance.</summary>
    public List<ClientLane> Clients { get; } = [];

    /// <summary>The <c>action</c> events as markers, in time order.</summary>
    public List<ReportMarker> Actions { get; } = [];

    /// <summary>Builds the lanes of <paramref name="run"/> (index <paramref name="runIndex"/>) in the node order of <paramref name="layout"/>.</summary>
    public static RunLanes Build(ReportRun run, int runIndex, IReadOnlyList<ReportNode> layout) => Build(run, runIndex, layout, AdvertBudget);

    /// <summary>The per-lane advert budget for a figure of <paramref name="lanes"/> state lanes: <see cref="FigureAdvertBudget"/> shared, 100 to <see cref="AdvertBudget"/> each.</summary>
    public static int AdvertBudgetPerLane(int lanes) => Math.Clamp(FigureAdvertBudget / Math.Max(1, lanes), 100, AdvertBudget);

    /// <summary>Builds the lanes, keeping at most about <paramref name="advertBudget"/> advert runs per lane.</summary>
    public static RunLanes Build(ReportRun run, int runIndex, IReadOnlyList<ReportNode> layout, int advertBudget)
    {
        var lanes = new RunLanes(runIndex, run.EndUs);
        var byKey = new Dictionary<(string Node, string Instance), StateLane>();
        var vipLanes = new Dictionary<string, VipLane>(StringComparer.Ordinal);
        foreach (ReportNode n in layout)
        {
            foreach (ReportInstance i in n.Instances)
            {
                var lane = new StateLane(runIndex, n.Name, i.Name, i.Vrid) { Interface = i.Interface };
                byKey[(n.Name, i.Name)] = lane;
                lanes.States.Add(lane);
                foreach (string vip in i.Vips)
                {
                    if (!vipLanes.ContainsKey(vip))
                    {
                        var v = new VipLane(runIndex, vip);
                        vipLanes[vip] = v;
                        lanes.Vips.Add(v);
                    }
                }
            }
        }

        StateLane Lane(string node, string instance)
        {
            if (!byKey.TryGetValue((node, instance), out StateLane? lane))
            {
                lane = new StateLane(runIndex, node, instance, null);
                byKey[(node, instance)] = lane;
                lanes.States.Add(lane);
            }

            return lane;
        }

        StateLane? LaneForVrid(string node, int? vrid)
        {
            StateLane? first = null;
            foreach (StateLane l in lanes.States)
            {
                if (l.Node == node)
                {
                    if (vrid is not null && l.Vrid == vrid)
                    {
                        return l;
                    }

                    first ??= l;
                }
            }

            return first;
        }

        var open = new Dictionary<StateLane, (long T, string State, string? Cause)>();
        var adverts = new Dictionary<StateLane, List<(long T, int Priority)>>();
        var drops = new Dictionary<StateLane, List<DropMark>>();
        var txVrid = new Dictionary<long, int>();
        var holders = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        var holderOpen = new Dictionary<string, (long T, string Text)>(StringComparer.Ordinal);
        var clientLanes = new Dictionary<(string Client, string Vip), ClientLane>();
        var clientOpen = new Dictionary<ClientLane, (long T, bool Reachable, string Peer)>();
        var nodeOpen = new Dictionary<(string Node, string What), long>();
        var nodeSpans = new List<(string Node, string? Interface, Bar Span)>();

        foreach (RunEvent e in run.Log)
        {
            switch (e)
            {
                case StateRecord st:
                {
                    StateLane lane = Lane(st.Node, st.Instance);
                    lane.Vrid ??= st.Vrid;
                    string to = StateRecord.Name(st.To);
                    if (open.Remove(lane, out var prev))
                    {
                        AddBar(lane.States, prev.T, st.TimeUs, prev.State, prev.Cause);
                    }
                    else if (st.TimeUs > 0)
                    {
                        AddBar(lane.States, 0, st.TimeUs, StateRecord.Name(st.From), null);
                    }

                    open[lane] = (st.TimeUs, to, st.Timing is null ? st.Cause : $"{st.Cause} (timed by {st.Timing})");
                    break;
                }

                case AdvertSentRecord tx:
                {
                    StateLane? lane = tx.Instance is not null ? Lane(tx.Node, tx.Instance) : LaneForVrid(tx.Node, tx.Vrid);
                    if (lane is null)
                    {
                        break;
                    }

                    lane.Vrid ??= tx.Vrid;
                    lane.Interface ??= tx.Interface;
                    txVrid[tx.Packet] = tx.Vrid;
                    if (!adverts.TryGetValue(lane, out var list))
                    {
                        adverts[lane] = list = [];
                    }

                    list.Add((tx.TimeUs, tx.Priority));
                    break;
                }

                case AdvertDroppedRecord drop:
                {
                    int? vrid = drop.Packet is { } p && txVrid.TryGetValue(p, out int v) ? v : null;
                    StateLane? lane = drop.Instance is not null ? Lane(drop.Node, drop.Instance) : LaneForVrid(drop.Node, vrid);
                    if (lane is not null)
                    {
                        AddDrop(drops, lane, new DropMark(drop.TimeUs, drop.TimeUs, 1, drop.Reason, drop.Source.ToString()));
                    }

                    break;
                }

                case PacketLostRecord lost when lost.Reason is not ("no_process" or "host_down"):
                {
                    int? vrid = txVrid.TryGetValue(lost.Packet, out int v) ? v : null;
                    if (vrid is not null && LaneForVrid(lost.Node, vrid) is { } lane)
                    {
                        AddDrop(drops, lane, new DropMark(lost.TimeUs, lost.TimeUs, 1, "lost: " + lost.Reason, lost.Source));
                    }

                    break;
                }

                case VipRecord vr:
                {
                    string address = vr.Address.ToString();
                    if (!vipLanes.TryGetValue(address, out VipLane? vl))
                    {
                        vl = new VipLane(runIndex, address);
                        vipLanes[address] = vl;
                        lanes.Vips.Add(vl);
                    }

                    if (!holders.TryGetValue(address, out var set))
                    {
                        holders[address] = set = new SortedDictionary<string, int>(StringComparer.Ordinal);
                    }

                    int count = set.GetValueOrDefault(vr.Node) + (vr.Added ? 1 : -1);
                    if (count > 0)
                    {
                        set[vr.Node] = count;
                    }
                    else
                    {
                        set.Remove(vr.Node);
                    }

                    string text = string.Join("+", set.Keys);
                    if (holderOpen.TryGetValue(address, out var ho))
                    {
                        if (ho.Text == text)
                        {
                            break;
                        }

                        AddBar(vl.Holders, ho.T, vr.TimeUs, ho.Text, null);
                        holderOpen.Remove(address);
                    }

                    if (text.Length > 0)
                    {
                        holderOpen[address] = (vr.TimeUs, text);
                    }

                    break;
                }

                case ReachRecord reach:
                {
                    string vip = reach.Vip.ToString();
                    if (!clientLanes.TryGetValue((reach.Node, vip), out ClientLane? cl))
                    {
                        cl = new ClientLane(runIndex, reach.Node, vip);
                        clientLanes[(reach.Node, vip)] = cl;
                        lanes.Clients.Add(cl);
                    }

                    if (clientOpen.Remove(cl, out var co))
                    {
                        AddBar(co.Reachable ? cl.Reached : cl.Outages, co.T, reach.TimeUs, co.Peer, null);
                    }
                    else if (!reach.Reachable)
                    {
                        // Never reached yet: nothing to lose.
                        break;
                    }

                    clientOpen[cl] = (reach.TimeUs, reach.Reachable, reach.Owner ?? "");
                    break;
                }

                case ActionRecord action:
                    lanes.Actions.Add(new ReportMarker(action.TimeUs, MarkerLabel(action.Action.Keyword, action.Action.Describe())));
                    break;

                case ProcessRecord process:
                    if (process.Change == ProcessChange.Paused)
                    {
                        nodeOpen.TryAdd((process.Node, "paused"), process.TimeUs);
                    }
                    else if (process.Change is not (ProcessChange.AlreadyRunning or ProcessChange.NotRunning)
                        && nodeOpen.Remove((process.Node, "paused"), out long since))
                    {
                        nodeSpans.Add((process.Node, null, new Bar(since, process.TimeUs, "paused", null)));
                    }

                    break;

                case HostRecord host:
                    if (!host.Up)
                    {
                        nodeOpen.TryAdd((host.Node, "host down"), host.TimeUs);
                    }
                    else if (nodeOpen.Remove((host.Node, "host down"), out long since))
                    {
                        nodeSpans.Add((host.Node, null, new Bar(since, host.TimeUs, "host down", null)));
                    }

                    break;

                case LinkRecord link:
                    if (!link.Up)
                    {
                        nodeOpen.TryAdd((link.Node, "link " + link.Interface), link.TimeUs);
                    }
                    else if (nodeOpen.Remove((link.Node, "link " + link.Interface), out long since))
                    {
                        nodeSpans.Add((link.Node, link.Interface, new Bar(since, link.TimeUs, link.Interface + " carrier down", null)));
                    }

                    break;
            }
        }

        long end = run.EndUs;
        foreach (StateLane lane in lanes.States)
        {
            if (open.TryGetValue(lane, out var last))
            {
                AddBar(lane.States, last.T, Math.Max(end, last.T), last.State, last.Cause);
            }

            if (adverts.TryGetValue(lane, out var list))
            {
                lane.Adverts.AddRange(TickDecimator.Compress(list, advertBudget));
            }

            if (drops.TryGetValue(lane, out var dl))
            {
                lane.Drops.AddRange(TickDecimator.Compress(dl, DropBudget));
            }
        }

        foreach (VipLane vl in lanes.Vips)
        {
            if (holderOpen.TryGetValue(vl.Address, out var ho))
            {
                AddBar(vl.Holders, ho.T, Math.Max(end, ho.T), ho.Text, null);
            }
        }

        foreach (ClientLane cl in lanes.Clients)
        {
            if (clientOpen.TryGetValue(cl, out var co))
            {
                AddBar(co.Reachable ? cl.Reached : cl.Outages, co.T, Math.Max(end, co.T), co.Peer, null);
            }
        }

        foreach (KeyValuePair<(string Node, string What), long> o in nodeOpen.OrderBy(o => o.Value).ThenBy(o => o.Key.Node, StringComparer.Ordinal).ThenBy(o => o.Key.What, StringComparer.Ordinal))
        {
            string? iface = o.Key.What.StartsWith("link ", StringComparison.Ordinal) ? o.Key.What[5..] : null;
            string text = iface is null ? o.Key.What : iface + " carrier down";
            nodeSpans.Add((o.Key.Node, iface, new Bar(o.Value, Math.Max(end, o.Value), text, null)));
        }

        foreach ((string node, string? iface, Bar span) in nodeSpans.OrderBy(s => s.Span.StartUs))
        {
            foreach (StateLane lane in lanes.States)
            {
                if (lane.Node == node && (iface is null || lane.Interface is null || lane.Interface == iface))
                {
                    lane.Overlays.Add(span);
                }
            }
        }

        return lanes;
    }

    private static void AddDrop(Dictionary<StateLane, List<DropMark>> drops, StateLane lane, DropMark mark)
    {
        if (!drops.TryGetValue(lane, out List<DropMark>? list))
        {
            drops[lane] = list = [];
        }

        list.Add(mark);
    }

    private static void AddBar(List<Bar> bars, long start, long end, string text, string? detail)
    {
        if (end > start)
        {
            bars.Add(new Bar(start, end, text, detail));
        }
    }

    /// <summary>A marker's label: the action and its argument, e.g. <c>stop server1</c>.</summary>
    /// <remarks>A long list of nodes is shortened to its count, first and last: <c>start 1000 nodes (r0a ... r499b)</c>.</remarks>
    public static string MarkerLabel(string keyword, string argument)
    {
        string[] parts = argument.Split(',');
        string detail = parts.Length > 6
            ? $"{parts.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} nodes ({parts[0]} ... {parts[^1]})"
            : argument.Replace(",", ", ", StringComparison.Ordinal);
        return detail.Length == 0 ? keyword : keyword + " " + detail;
    }
}
