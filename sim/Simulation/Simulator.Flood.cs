using System.Net;
using System.Net.Sockets;
using System.Text;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Wire;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// The <c>flood</c> action: an extra host on a segment sends VRRP datagrams naming a VRID. Each
/// datagram is one queued event that every host of the segment reads at once (the segment's latency
/// at the flood's start, no jitter); the engine judges each one exactly as it would a packet from the
/// wire, and what it does is the node's implementation's behaviour (<see cref="PacketPolicy"/>).
/// </summary>
public sealed partial class Simulator
{
    private readonly List<SimFlood> _floods = [];

    private void StartFlood(FloodAction action)
    {
        int seg = Array.FindIndex(_segments, s => s.Name == action.Segment);
        SimSegment segment = _segments[seg];
        (VrrpVersion version, string? password, bool ipv6) = ClusterOf(segment, action.Vrid);
        IPAddress source = ipv6 ? IPAddress.Parse("fe80::f1:00d") : FloodSourceAddress(segment);
        var flood = new SimFlood(_floods.Count, action, seg, _now + segment.Spec.Latency.Microseconds, source,
            ipv6 ? V6Multicast : V4Multicast, version, password, Seed, segment.Members.Count);
        _floods.Add(flood);
        Push(flood.FirstArrivalUs, new SimEvent(SimEventType.FloodDatagram, -1, 0, flood.Index, 0, null));
    }

    /// <summary>The version, password and family of the first instance running <paramref name="vrid"/> on the segment.</summary>
    private (VrrpVersion Version, string? Password, bool Ipv6) ClusterOf(SimSegment segment, byte vrid)
    {
        foreach ((int m, int mi) in segment.Members)
        {
            SimNode node = _nodes[m];
            foreach (VrrpInstanceConfig i in node.Config.Instances)
            {
                if (i.VirtualRouterId == vrid && i.Interface == node.Ifaces[mi].Name)
                {
                    return (i.Version, i.AuthType == AuthType.SimpleText ? i.AuthPassword : null, i.Family == AddressFamily.InterNetworkV6);
                }
            }
        }

        return (VrrpVersion.V2, null, false);
    }

    /// <summary>
    /// The flooding host's IPv4 address: the highest host address of the first interface's subnet that no
    /// interface or VIP on the segment uses (10.0.0.254 on a /24 of 10.0.0.x).
    /// </summary>
    private IPAddress FloodSourceAddress(SimSegment segment)
    {
        if (segment.Members.Count == 0)
        {
            return IPAddress.Parse("192.0.2.254");
        }

        (int n0, int i0) = segment.Members[0];
        InterfaceSpec first = _nodes[n0].Ifaces[i0].Spec;
        uint address = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(first.Address.GetAddressBytes());
        int prefix = Math.Clamp(first.PrefixLength, 8, 30);
        uint mask = uint.MaxValue << (32 - prefix);
        uint broadcast = (address & mask) | ~mask;
        var used = new HashSet<uint>();
        foreach ((int m, int mi) in segment.Members)
        {
            used.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_nodes[m].Ifaces[mi].Spec.Address.GetAddressBytes()));
            foreach (VrrpInstanceConfig inst in _nodes[m].Config.Instances)
            {
                foreach (VirtualAddress v in inst.VirtualAddresses.AddRange(inst.ExcludedAddresses))
                {
                    if (v.Address.AddressFamily == AddressFamily.InterNetwork)
                    {
                        used.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(v.Address.GetAddressBytes()));
                    }
                }
            }
        }

        uint candidate = broadcast - 1;
        while (used.Contains(candidate) && candidate > (address & mask) + 1)
        {
            candidate--;
        }

        byte[] bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, candidate);
        return new IPAddress(bytes);
    }

    private void OnFloodDatagram(SimFlood flood)
    {
        if (_now >= flood.NextFlushUs)
        {
            FlushFlood(flood);
            flood.NextFlushUs += 1_000_000;
        }

        int length = flood.NextDatagram();
        SimSegment segment = _segments[flood.Segment];
        for (int r = 0; r < segment.Members.Count; r++)
        {
            (int m, int mi) = segment.Members[r];
            SimNode node = _nodes[m];
            SimIface iface = node.Ifaces[mi];
            FloodCounters counters = flood.Counters[r];
            if (!node.HostUp || !iface.LinkUp || node.Router is null
                || (segment.Spec.Loss.PartsPerMillion > 0 && flood.Loss.Chance(segment.Spec.Loss.PartsPerMillion)))
            {
                counters.Lost++;
                continue;
            }

            if (node.Paused)
            {
                if (node.PendingInputs.Count >= _options.PausedReceiveBuffer)
                {
                    counters.Lost++;
                }
                else
                {
                    counters.Queued++;
                    node.PendingInputs.Enqueue(new SimEvent(SimEventType.FloodQueued, m, mi, flood.Index, r, flood.Buffer.AsSpan(0, length).ToArray()));
                }

                continue;
            }

            ReadFloodDatagram(node, iface, flood, r, flood.Buffer.AsSpan(0, length));
        }

        flood.Sent++;
        if (flood.Sent < flood.Total)
        {
            Push(flood.ArrivalOf(flood.Sent), new SimEvent(SimEventType.FloodDatagram, -1, 0, flood.Index, 0, null));
        }
        else
        {
            Push(flood.ArrivalOf(flood.Sent - 1), new SimEvent(SimEventType.FloodEnd, -1, 0, flood.Index, 0, null));
        }
    }

    /// <summary>
    /// The node's VRRP process reads one flood datagram. Drops and their log lines are counted, not
    /// traced; anything else the engine does (it never should: no datagram is valid) is applied as usual.
    /// </summary>
    private void ReadFloodDatagram(SimNode node, SimIface iface, SimFlood flood, int receiver, ReadOnlySpan<byte> datagram)
    {
        VrrpRouter router = node.Router!;
        FloodCounters counters = flood.Counters[receiver];
        counters.Received++;
        IReadOnlyList<Effect> effects = router.ReceivePacket(Local(node), iface.Name, flood.Source, flood.Destination, 255, datagram);
        for (int i = 0; i < effects.Count; i++)
        {
            switch (effects[i])
            {
                case AdvertisementDropped d:
                    counters.ByReason[(int)d.Reason]++;
                    if (d.AdvertTimerRestarted)
                    {
                        counters.Restarted++;
                    }

                    break;
                case LogLine:
                    break;
                default:
                    ApplyEffect(node, effects[i]);
                    break;
            }
        }

        // A dropped datagram only ever moves a deadline later (keepalived restarting the advert timer):
        // keep the wake already queued, which finds nothing due and reschedules, rather than queue a new
        // wake per datagram. Anything earlier is scheduled at once.
        if (node.Router is { } r && !node.Paused && node.WakeAt != long.MinValue && node.WakeAt != long.MaxValue
            && node.Clock.GlobalFor(r.NextDeadline) >= node.WakeAt)
        {
            return;
        }

        Reschedule(node);
    }

    /// <summary>Writes one <c>flood_rx</c> line per receiver that saw anything since the last one.</summary>
    private void FlushFlood(SimFlood flood)
    {
        SimSegment segment = _segments[flood.Segment];
        var sb = new StringBuilder();
        for (int r = 0; r < segment.Members.Count; r++)
        {
            FloodCounters c = flood.Counters[r];
            if (!c.Any)
            {
                continue;
            }

            (int m, int mi) = segment.Members[r];
            sb.Clear();
            foreach (int reason in Enumerable.Range(0, c.ByReason.Length).Where(i => c.ByReason[i] > 0).OrderByDescending(i => c.ByReason[i]).ThenBy(i => i))
            {
                sb.Append(sb.Length == 0 ? "" : ", ").Append(((AdvertDropReason)reason).ToSnakeCase()).Append(' ')
                    .Append(c.ByReason[reason].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (c.Queued > 0)
            {
                sb.Append(sb.Length == 0 ? "" : ", ").Append("queued while paused ")
                    .Append(c.Queued.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            _log.Add(new FloodReceivedRecord(_now, _nodes[m].Name, _nodes[m].Ifaces[mi].Name, flood.Action.Vrid, c.Received, c.Restarted, c.Lost, sb.ToString()));
            c.Clear();
        }
    }
}
