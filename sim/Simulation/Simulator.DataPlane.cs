using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// The data plane as a VIP's users see it. Each segment has one client that uses every VIP of the
/// segment continuously (from time 0, like the lab's pinger), through a neighbour (ARP) entry that
/// follows Linux's rules with their default settings (measured with <c>vrrplab lab</c>, see
/// docs/discrepancies.md):
/// <list type="bullet">
/// <item>Resolving (INCOMPLETE): a broadcast request every second; every host holding the VIP on the
/// segment answers (a host whose keepalived was killed too). The first reply wins: later replies within
/// <c>locktime</c> (1 s) of the last change are ignored.</item>
/// <item>A reply makes the entry REACHABLE for the reachable time (uniform in [15 s, 45 s), drawn from
/// the client's own seeded stream, re-drawn every 300 s as Linux does); then, the VIP being in use,
/// it waits <c>delay_first_probe_time</c> (5 s, DELAY) and probes the cached MAC by unicast, once a
/// second (PROBE); a reply confirms it, three unanswered probes fail it and it resolves again.</item>
/// <item>A gratuitous ARP from another MAC always overrides the entry (it becomes STALE, then DELAY
/// as it is used); one from the cached MAC changes nothing. With no entry at all Linux ignores a
/// gratuitous ARP (arp_accept 0); the client's entry exists from its first use on.</item>
/// </list>
/// The client reaches the VIP while the entry is valid (not resolving) and its host is up, that
/// interface's carrier is up and the interface holds the VIP. A host that silently drops the VIP
/// (a MASTER stepping down with no new GARP) therefore keeps the client's traffic until its probes
/// fail: seconds to tens of seconds. ARP packets cross the segment with its latency, jitter and loss,
/// drawn from streams of their own. The client is on no side of a partition: it reaches every host.
/// A host answers the client only once it knows the client's MAC (Simulator.Neighbours.cs): a new
/// MASTER that never heard an ARP request of the client for an address it held resolves the client
/// first, one round trip of the segment after the client's entry points at it.
/// </summary>
public sealed partial class Simulator
{
    private const long RetransUs = 1_000_000;
    private const long DelayFirstProbeUs = 5_000_000;
    private const long LocktimeUs = 1_000_000;
    private const int UnicastProbes = 3;
    private const long BaseReachableUs = 30_000_000;
    private const long ReachableRedrawUs = 300_000_000;

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

    /// <summary>
    /// True when the client reaches the VIP: its entry is valid and points at an interface that is up, holds
    /// the VIP and knows the client (a host answers the client only once it has resolved it). An interface
    /// that would answer but does not know the client starts resolving it here (the client's echo request
    /// arrives at once: echoes cross the segment undelayed, as in the lab).
    /// </summary>
    private bool Reaches(ClientEntry c)
    {
        if (!c.Valid)
        {
            return false;
        }

        SimNode n = _nodes[c.CachedNode];
        SimIface i = n.Ifaces[c.CachedIface];
        if (!n.HostUp || !i.LinkUp || !i.Holds(c.Vip))
        {
            return false;
        }

        if (!i.KnowsClient)
        {
            StartResolving(n, i);
            return false;
        }

        return true;
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
    }

    /// <summary>The client starts using every VIP at 0: each entry starts resolving.</summary>
    private void StartClients()
    {
        for (int i = 0; i < _clients.Count; i++)
        {
            ArmClientTimer(i, 0);
        }
    }

    private void ArmClientTimer(int index, long afterUs)
    {
        ClientEntry c = _clients[index];
        c.TimerGeneration++;
        Push(_now + afterUs, new SimEvent(SimEventType.ClientTimer, -1, 0, index, c.TimerGeneration, null));
    }

    private long ReachableTime(ClientEntry c)
    {
        long window = _now / ReachableRedrawUs;
        if (window != c.ReachableWindow)
        {
            c.ReachableWindow = window;
            c.ReachableTimeUs = BaseReachableUs / 2 + c.Random.UpTo(BaseReachableUs - 1);
        }

        return c.ReachableTimeUs;
    }

    private void OnClientTimer(int index, long generation)
    {
        ClientEntry c = _clients[index];
        if (generation != c.TimerGeneration)
        {
            return;
        }

        switch (c.State)
        {
            case NeighbourState.Incomplete:
                SendRequest(index);
                ArmClientTimer(index, RetransUs);
                break;
            case NeighbourState.Reachable:
                // Reachable time over; the VIP is in use, so the entry goes (STALE then at once) DELAY.
                c.State = NeighbourState.Delay;
                ArmClientTimer(index, DelayFirstProbeUs);
                break;
            case NeighbourState.Delay:
                c.State = NeighbourState.Probe;
                c.Sent = 0;
                SendProbe(index);
                c.Sent++;
                ArmClientTimer(index, RetransUs);
                break;
            case NeighbourState.Probe:
                if (c.Sent < UnicastProbes)
                {
                    SendProbe(index);
                    c.Sent++;
                    ArmClientTimer(index, RetransUs);
                    break;
                }

                // Unanswered: the entry fails and, the VIP being in use, resolves again at once.
                c.State = NeighbourState.Incomplete;
                c.UpdatedUs = _now;
                _log.Add(new ClientArpRecord(_now, c.SegmentName, c.Vip, null, null, "failed"));
                RefreshClient(index);
                SendRequest(index);
                ArmClientTimer(index, RetransUs);
                break;
        }
    }

    /// <summary>A broadcast request: every host holding the VIP on the segment answers.</summary>
    private void SendRequest(int index)
    {
        ClientEntry c = _clients[index];
        SimSegment seg = _segments[c.Segment];
        if (_log.Full)
        {
            _log.Add(new ClientArpRecord(_now, c.SegmentName, c.Vip, null, null, "who-has"));
        }

        foreach ((int m, int mi) in seg.Members)
        {
            ReplyIfHolder(index, seg, m, mi);
        }
    }

    /// <summary>A unicast probe to the cached MAC: answered only if that interface still holds the VIP.</summary>
    private void SendProbe(int index)
    {
        ClientEntry c = _clients[index];
        if (_log.Full)
        {
            _log.Add(new ClientArpRecord(_now, c.SegmentName, c.Vip, null, null, "probe to " + _nodes[c.CachedNode].Name));
        }

        ReplyIfHolder(index, _segments[c.Segment], c.CachedNode, c.CachedIface);
    }

    private void ReplyIfHolder(int index, SimSegment seg, int node, int iface)
    {
        SimNode n = _nodes[node];
        SimIface i = n.Ifaces[iface];
        if (!n.HostUp || !i.LinkUp || !i.Holds(_clients[index].Vip))
        {
            return;
        }

        // Request and reply each cross the segment and may each be lost.
        if (seg.ArpLost() || seg.ArpLost())
        {
            return;
        }

        long request = seg.ArpDelay();
        long delay = request + seg.ArpDelay();
        if (!i.KnowsClient)
        {
            // A request for an address it holds makes the host learn the client (Linux: neigh_event_ns).
            Push(_now + request, new SimEvent(SimEventType.ClientLearned, node, iface, LearnedFromRequest, i.NeighbourEpoch, null));
        }

        Push(_now + delay, new SimEvent(SimEventType.ArpReply, node, iface, index, 0, null));
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
                if (!seg.ArpLost())
                {
                    Push(_now + seg.ArpDelay(), new SimEvent(SimEventType.GarpArrival, node.Index, iface.Index, v, 0, null));
                    break;
                }
            }
        }
    }

    private void OnGarpArrival(SimEvent ev)
    {
        ClientEntry c = _clients[ev.Index];
        if (c.Valid && c.CachedNode == ev.Node && c.CachedIface == ev.Iface)
        {
            return; // Same MAC: a valid entry keeps its state.
        }

        // A gratuitous ARP always overrides (no locktime); the entry is unconfirmed (STALE) and in use: DELAY.
        Point(ev.Index, ev.Node, ev.Iface, "gratuitous arp");
        c.State = NeighbourState.Delay;
        ArmClientTimer(ev.Index, DelayFirstProbeUs);
        RefreshClient(ev.Index);
    }

    private void OnArpReply(SimEvent ev)
    {
        ClientEntry c = _clients[ev.Index];
        bool same = c.CachedNode == ev.Node && c.CachedIface == ev.Iface;
        if (c.Valid && !same && _now <= c.UpdatedUs + LocktimeUs)
        {
            return; // Another host answered first: within locktime the first reply stays.
        }

        if (!c.Valid || !same)
        {
            Point(ev.Index, ev.Node, ev.Iface, "arp reply");
        }
        else if (c.State != NeighbourState.Reachable)
        {
            c.UpdatedUs = _now;
        }

        c.State = NeighbourState.Reachable;
        ArmClientTimer(ev.Index, ReachableTime(c));
        RefreshClient(ev.Index);
    }

    /// <summary>The entry now points at <paramref name="node"/>'s <paramref name="iface"/>.</summary>
    private void Point(int index, int node, int iface, string how)
    {
        ClientEntry c = _clients[index];
        c.CachedNode = node;
        c.CachedIface = iface;
        c.UpdatedUs = _now;
        _log.Add(new ClientArpRecord(_now, c.SegmentName, c.Vip, _nodes[node].Name, _nodes[node].Ifaces[iface].Name, how));
    }
}
