using VrrpLab.Sim.Events;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// The VIP holders' side of the data plane: a host answers the segment's client (an echo reply) only
/// once its neighbour (ARP) entry for the client exists. Linux creates that entry when it receives an ARP
/// request for one of its own addresses (the client resolving a VIP the interface holds, or probing it),
/// or by resolving the client itself: a broadcast request (every second until answered) that crosses
/// the segment, and the client's reply that crosses it back. Measured in the lab (docs/lab.md,
/// "The new MASTER resolves the client"): a MASTER that never held the VIP before receives the client's
/// echo requests as soon as the client's entry points at it (its gratuitous ARP), and its first echo
/// reply waits for that round trip: two latencies of the segment (300 ms at 150 ms). The entry is never
/// dropped while the host is up and the carrier stays (Linux keeps a STALE entry usable and garbage-collects
/// nothing below <c>gc_thresh1</c>); the carrier's loss or the host's flushes it.
/// </summary>
public sealed partial class Simulator
{
    /// <summary><see cref="SimEvent.Index"/> of a <see cref="SimEventType.ClientLearned"/>: from the client's request.</summary>
    private const int LearnedFromRequest = 0;

    /// <summary><see cref="SimEvent.Index"/> of a <see cref="SimEventType.ClientLearned"/>: the client's reply to our request.</summary>
    private const int LearnedFromReply = 1;

    /// <summary>The host (carrier lost, host down) forgets the client; scheduled learning and retries are void.</summary>
    private static void ForgetClient(SimIface iface)
    {
        iface.KnowsClient = false;
        iface.ResolvingClient = false;
        iface.NeighbourEpoch++;
    }

    private void StartResolving(SimNode node, SimIface iface)
    {
        if (iface.ResolvingClient)
        {
            return;
        }

        iface.ResolvingClient = true;
        SendResolveRequest(node, iface);
    }

    /// <summary>A broadcast request for the client: it and the client's reply each cross the segment and may each be lost.</summary>
    private void SendResolveRequest(SimNode node, SimIface iface)
    {
        SimSegment seg = _segments[iface.Segment];
        if (_log.Wants(TraceKind.Neigh))
        {
            _log.Add(new NeighbourRecord(_now, node.Name, iface.Name, seg.Name, "who-has"));
        }

        if (!seg.ResolveLost() && !seg.ResolveLost())
        {
            long delay = seg.ResolveDelay() + seg.ResolveDelay();
            Push(_now + delay, new SimEvent(SimEventType.ClientLearned, node.Index, iface.Index, LearnedFromReply, iface.NeighbourEpoch, null));
        }

        Push(_now + RetransUs, new SimEvent(SimEventType.ResolveRetry, node.Index, iface.Index, 0, iface.NeighbourEpoch, null));
    }

    /// <summary>
    /// The interface a neighbour event is for, or null when the event is stale (the interface's cache
    /// was flushed since it was scheduled) or the interface already knows the client.
    /// </summary>
    private SimIface? ClientUnknown(SimEvent ev, out SimNode node)
    {
        node = _nodes[ev.Node];
        SimIface iface = node.Ifaces[ev.Iface];
        return ev.Generation == iface.NeighbourEpoch && !iface.KnowsClient ? iface : null;
    }

    private void OnClientLearned(SimEvent ev)
    {
        if (ClientUnknown(ev, out SimNode node) is not { } iface || !node.HostUp)
        {
            return;
        }

        iface.KnowsClient = true;
        iface.ResolvingClient = false;
        if (_log.Wants(TraceKind.Neigh))
        {
            string how = ev.Index == LearnedFromReply ? "resolved" : "learned from the client's request";
            _log.Add(new NeighbourRecord(_now, node.Name, iface.Name, _segments[iface.Segment].Name, how));
        }

        RefreshSegment(iface.Segment);
    }

    /// <summary>Unanswered for a second: ask again while the client still sends to this interface (Linux re-resolves on its next packet).</summary>
    private void OnResolveRetry(SimEvent ev)
    {
        if (ClientUnknown(ev, out SimNode node) is not { } iface || !iface.ResolvingClient)
        {
            return;
        }

        iface.ResolvingClient = false;
        foreach (int v in _segments[iface.Segment].Views)
        {
            ClientEntry c = _clients[v];
            if (c.Valid && c.CachedNode == node.Index && c.CachedIface == iface.Index && node.HostUp && iface.LinkUp && iface.Holds(c.Vip))
            {
                StartResolving(node, iface);
                return;
            }
        }
    }
}
