using VrrpLab.Report.Model;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Report.Timeline;

/// <summary>
/// The lanes of one run, derived from its trace events alone (so a simulated run and a run observed on
/// real daemons are drawn by the same code): one <see cref="StateLane"/> per node and instance, one
/// <see cref="VipLane"/> per virtual address, one <see cref="ClientLane"/> per segment client and VIP,
/// and the timeline actions applied.
/// </summary>
internal sealed class RunLanes
{
    /// <summary>Most advert runs kept per lane before neighbours are merged into bands.</summary>
    public const int AdvertBudget = 1500;

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
    public static RunLanes Build(ReportRun run, int runIndex, IReadOnlyList<ReportNode> layout)
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

        foreach (TraceEvent e in run.Events)
        {
            switch (e.Kind)
            {
                case TraceKind.State when e.Instance is not null && e.To is not null:
                {
                    StateLane lane = Lane(e.Node, e.Instance);
                    if (open.Remove(lane, out var prev))
                    {
                        AddBar(lane.States, prev.T, e.TimeUs, prev.State, prev.Cause);
                    }
                    else if (e.TimeUs > 0 && e.From is not null)
                    {
                        AddBar(lane.States, 0, e.TimeUs, e.From, null);
                    }

                    open[lane] = (e.TimeUs, e.To, e.Cause);
                    break;
                }

                case TraceKind.AdvertTx:
                {
                    StateLane? lane = e.Instance is not null ? Lane(e.Node, e.Instance) : LaneForVrid(e.Node, e.Vrid);
                    if (lane is null)
                    {
                        break;
                    }

                    lane.Vrid ??= e.Vrid;
                    lane.Interface ??= e.Interface;
                    if (e.Packet is { } p && e.Vrid is { } vr)
                    {
                        txVrid[p] = vr;
                    }

                    if (!adverts.TryGetValue(lane, out var list))
                    {
                        adverts[lane] = list = [];
                    }

                    list.Add((e.TimeUs, e.Priority ?? -1));
                    break;
                }

                case TraceKind.AdvertDrop:
                case TraceKind.PacketLost when e.Reason is not ("no_process" or "host_down" or null):
                {
                    int? vrid = e.Vrid ?? (e.Packet is { } p && txVrid.TryGetValue(p, out int v) ? v : null);
                    StateLane? lane = e.Instance is not null ? Lane(e.Node, e.Instance) : LaneForVrid(e.Node, vrid);
                    if (lane is null)
                    {
                        break;
                    }

                    if (!drops.TryGetValue(lane, out var list))
                    {
                        drops[lane] = list = [];
                    }

                    string reason = (e.Kind == TraceKind.PacketLost ? "lost: " : "") + (e.Reason ?? "dropped");
                    list.Add(new DropMark(e.TimeUs, e.TimeUs, 1, reason, e.Address));
                    break;
                }

                case TraceKind.VipAdd or TraceKind.VipDel when e.Address is not null:
                {
                    if (!vipLanes.TryGetValue(e.Address, out VipLane? vl))
                    {
                        vl = new VipLane(runIndex, e.Address);
                        vipLanes[e.Address] = vl;
                        lanes.Vips.Add(vl);
                    }

                    if (!holders.TryGetValue(e.Address, out var set))
                    {
                        holders[e.Address] = set = new SortedDictionary<string, int>(StringComparer.Ordinal);
                    }

                    int count = set.GetValueOrDefault(e.Node) + (e.Kind == TraceKind.VipAdd ? 1 : -1);
                    if (count > 0)
                    {
                        set[e.Node] = count;
                    }
                    else
                    {
                        set.Remove(e.Node);
                    }

                    string text = string.Join("+", set.Keys);
                    if (holderOpen.TryGetValue(e.Address, out var ho))
                    {
                        if (ho.Text == text)
                        {
                            break;
                        }

                        AddBar(vl.Holders, ho.T, e.TimeUs, ho.Text, null);
                        holderOpen.Remove(e.Address);
                    }

                    if (text.Length > 0)
                    {
                        holderOpen[e.Address] = (e.TimeUs, text);
                    }

                    break;
                }

                case TraceKind.Reach when e.Address is not null && e.Node.StartsWith("client@", StringComparison.Ordinal):
                {
                    if (!clientLanes.TryGetValue((e.Node, e.Address), out ClientLane? cl))
                    {
                        cl = new ClientLane(runIndex, e.Node, e.Address);
                        clientLanes[(e.Node, e.Address)] = cl;
                        lanes.Clients.Add(cl);
                    }

                    bool reachable = e.Detail == "reachable";
                    if (clientOpen.Remove(cl, out var co))
                    {
                        AddBar(co.Reachable ? cl.Reached : cl.Outages, co.T, e.TimeUs, co.Peer, null);
                    }
                    else if (!reachable)
                    {
                        // Never reached yet: nothing to lose.
                        break;
                    }

                    clientOpen[cl] = (e.TimeUs, reachable, e.Peer ?? "");
                    break;
                }

                case TraceKind.Action:
                    lanes.Actions.Add(new ReportMarker(e.TimeUs, MarkerLabel(e)));
                    break;

                case TraceKind.Process when e.Detail is { } d:
                    if (d.StartsWith("paused", StringComparison.Ordinal))
                    {
                        nodeOpen.TryAdd((e.Node, "paused"), e.TimeUs);
                    }
                    else if (nodeOpen.Remove((e.Node, "paused"), out long since))
                    {
                        nodeSpans.Add((e.Node, null, new Bar(since, e.TimeUs, "paused", null)));
                    }

                    break;

                case TraceKind.Host when e.Detail is { } d:
                    if (d == "down")
                    {
                        nodeOpen.TryAdd((e.Node, "host down"), e.TimeUs);
                    }
                    else if (nodeOpen.Remove((e.Node, "host down"), out long since))
                    {
                        nodeSpans.Add((e.Node, null, new Bar(since, e.TimeUs, "host down", null)));
                    }

                    break;

                case TraceKind.Link when e.Detail is { } d && e.Interface is { } iface:
                    if (d == "down")
                    {
                        nodeOpen.TryAdd((e.Node, "link " + iface), e.TimeUs);
                    }
                    else if (nodeOpen.Remove((e.Node, "link " + iface), out long since))
                    {
                        nodeSpans.Add((e.Node, iface, new Bar(since, e.TimeUs, iface + " carrier down", null)));
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
                lane.Adverts.AddRange(TickDecimator.Compress(list, AdvertBudget));
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

    private static void AddBar(List<Bar> bars, long start, long end, string text, string? detail)
    {
        if (end > start)
        {
            bars.Add(new Bar(start, end, text, detail));
        }
    }

    /// <summary>A marker's label: the action and its argument, e.g. <c>stop server1</c>.</summary>
    public static string MarkerLabel(TraceEvent e)
    {
        string action = e.Action ?? "action";
        string detail = (e.Detail ?? "").Replace(",", ", ", StringComparison.Ordinal);
        return detail.Length == 0 ? action : action + " " + detail;
    }
}
