using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// The data plane as a VIP's users see it. Each segment has one client that uses every VIP of the
/// segment continuously. Its ARP cache maps the VIP to a host interface (a MAC); it is updated by
/// every gratuitous ARP and ARP reply that reaches it (the last one received wins, as on Linux).
/// The client reaches the VIP while the cached host is up, the cached interface's carrier is up and
/// that interface holds the VIP. When the entry leads nowhere the client re-resolves at once (ARP
/// request to every host on the segment, answered by every host holding the VIP there - including a
/// host whose keepalived was killed) and retries every second until it reaches the VIP again.
/// This is an ideal client: Linux's neighbour timers (delay_first_probe_time, reachable_time) would
/// only lengthen outages. The client is on no side of a partition: it reaches every host.
/// </summary>
public sealed partial class Simulator
{
    private const long ArpRetryUs = 1_000_000;

    private void RefreshNode(SimNode node)
    {
        foreach (SimIface i in node.Ifaces)
        {
            RefreshSegment(i.Segment);
        }
    }

    private void RefreshSegment(int segment)
    {
        foreach (int v in _segments[segment].Views)
        {
            RefreshClient(v);
        }
    }

    private bool Reaches(ClientEntry c)
    {
        if (c.CachedNode < 0)
        {
            return false;
        }

        SimNode n = _nodes[c.CachedNode];
        SimIface i = n.Ifaces[c.CachedIface];
        return n.HostUp && i.LinkUp && i.Holds(c.Vip);
    }

    private void RefreshClient(int index)
    {
        ClientEntry c = _clients[index];
        bool reach = Reaches(c);
        if (reach != c.Reachable)
        {
            c.Reachable = reach;
            _log.Add(new ReachRecord(_now, c.SegmentName, c.Vip, c.CachedNode >= 0 ? _nodes[c.CachedNode].Name : null, reach));
        }

        if (!reach && !c.ProbePending && c.Acquired)
        {
            c.ProbePending = true;
            Push(_now, new SimEvent(SimEventType.ArpProbe, -1, 0, index, 0, null));
        }
    }

    private void SendGarp(SimNode node, SendGratuitousArp g)
    {
        SimIface? iface = node.FindIface(g.Interface);
        _log.Add(new GarpRecord(_now, node.Name, g.Instance, g.Interface, g.Address, g.Count));
        if (iface is null || !node.HostUp || !iface.LinkUp)
        {
            return;
        }

        SimSegment seg = _segments[iface.Segment];
        foreach (int v in seg.Views)
        {
            if (!_clients[v].Vip.Equals(g.Address))
            {
                continue;
            }

            // Each of the Count copies may be lost; the first that gets through updates the client.
            for (int k = 0; k < g.Count; k++)
            {
                if (!seg.Lost())
                {
                    Push(_now + seg.Delay(), new SimEvent(SimEventType.GarpArrival, node.Index, iface.Index, v, 0, null));
                    break;
                }
            }
        }
    }

    private void OnArpArrival(SimEvent ev)
    {
        ClientEntry c = _clients[ev.Index];
        if (c.CachedNode != ev.Node || c.CachedIface != ev.Iface)
        {
            c.CachedNode = ev.Node;
            c.CachedIface = ev.Iface;
            _log.Add(new ClientArpRecord(_now, c.SegmentName, c.Vip, _nodes[ev.Node].Name, _nodes[ev.Node].Ifaces[ev.Iface].Name,
                ev.Type == SimEventType.GarpArrival ? "gratuitous arp" : "arp reply"));
        }

        RefreshClient(ev.Index);
    }

    private void OnArpProbe(int index)
    {
        ClientEntry c = _clients[index];
        c.ProbePending = false;
        if (Reaches(c))
        {
            return;
        }

        SimSegment seg = _segments[c.Segment];
        if (_log.Full)
        {
            _log.Add(new ClientArpRecord(_now, c.SegmentName, c.Vip, null, null, "who-has"));
        }

        foreach ((int m, int mi) in seg.Members)
        {
            SimNode n = _nodes[m];
            SimIface i = n.Ifaces[mi];
            if (!n.HostUp || !i.LinkUp || !i.Holds(c.Vip))
            {
                continue;
            }

            // Request and reply each cross the segment and may each be lost.
            if (seg.Lost() || seg.Lost())
            {
                continue;
            }

            long delay = seg.Delay() + seg.Delay();
            Push(_now + delay, new SimEvent(SimEventType.ArpReply, m, mi, index, 0, null));
        }

        c.ProbePending = true;
        Push(_now + ArpRetryUs, new SimEvent(SimEventType.ArpProbe, -1, 0, index, 0, null));
    }
}
