// Over 400 lines: the one dispatch loop from simulator events to the engine and back; the network, data plane and floods are in their own parts.
using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Simulation;

/// <summary>Driving the engines: wake-ups, packets, scripts, and the effects they return.</summary>
public sealed partial class Simulator
{
    private void Dispatch(SimEvent ev)
    {
        switch (ev.Type)
        {
            case SimEventType.Action:
                ApplyAction(ev.Index);
                break;
            case SimEventType.Wake:
                OnWake(_nodes[ev.Node], ev.Generation);
                break;
            case SimEventType.PacketArrival:
                OnPacketArrival(ev);
                break;
            case SimEventType.ScriptDone:
                OnScriptDone(ev);
                break;
            case SimEventType.PauseEnd:
                OnPauseEnd(_nodes[ev.Node], ev.Generation);
                break;
            case SimEventType.GarpArrival:
                OnGarpArrival(ev);
                break;
            case SimEventType.ArpReply:
                OnArpReply(ev);
                break;
            case SimEventType.ClientTimer:
                OnClientTimer(ev.Index, ev.Generation);
                break;
            case SimEventType.ProcessReady:
                OnProcessReady(_nodes[ev.Node], ev.Generation);
                break;
            case SimEventType.ProcessDelay:
                OnProcessDelay(_nodes[ev.Node], ev.Index, ev.Generation);
                break;
            case SimEventType.FloodDatagram:
                OnFloodDatagram(_floods[ev.Index]);
                break;
            case SimEventType.FloodEnd:
                FlushFlood(_floods[ev.Index]);
                break;
            case SimEventType.ClientLearned:
                OnClientLearned(ev);
                break;
            case SimEventType.ResolveRetry:
                OnResolveRetry(ev);
                break;
        }
    }

    private Instant Local(SimNode node) => node.Clock.LocalAt(_now);

    /// <summary>After every call into a router: wake it at its next deadline (global time).</summary>
    private void Reschedule(SimNode node)
    {
        if (node.Router is not { } router || node.Paused)
        {
            return;
        }

        ArmWake(node, node.Clock.GlobalFor(router.NextDeadline));
    }

    /// <summary>Wakes <paramref name="node"/> at global time <paramref name="at"/> (its next deadline; never, or not before now).</summary>
    private void ArmWake(SimNode node, long at)
    {
        if (at == long.MaxValue)
        {
            if (node.WakeAt != long.MaxValue)
            {
                node.WakeAt = long.MaxValue;
                node.WakeGeneration++;
            }

            return;
        }

        if (at < _now)
        {
            at = _now;
        }

        if (at == node.WakeAt)
        {
            return;
        }

        node.WakeAt = at;
        node.WakeGeneration++;
        Push(at, new SimEvent(SimEventType.Wake, node.Index, 0, 0, node.WakeGeneration, null));
    }

    private void OnWake(SimNode node, long generation)
    {
        if (generation != node.WakeGeneration || node.Router is not { } router || node.Paused)
        {
            return;
        }

        node.WakeAt = long.MinValue;
        Instant local = Local(node);
        ApplyEffects(node, router.AdvanceTo(local));
        if (node.Router is not { } after)
        {
            return;
        }

        long at = node.Clock.GlobalFor(after.NextDeadline);
        if (at <= _now)
        {
            // The engine asked to be woken at an instant it has just been given: nudge forward one
            // microsecond rather than spin at this instant (an engine bug, but never a hang).
            node.WakeAt = _now + 1;
            node.WakeGeneration++;
            Push(_now + 1, new SimEvent(SimEventType.Wake, node.Index, 0, 0, node.WakeGeneration, null));
            return;
        }

        if (!node.Paused)
        {
            ArmWake(node, at);
        }
    }

    private void OnPacketArrival(SimEvent ev)
    {
        SimNode node = _nodes[ev.Node];
        SimIface iface = node.Ifaces[ev.Iface];
        var pkt = SimPacket.Of(ev);
        string? lost = !node.HostUp ? "host_down" : !iface.LinkUp ? "link_down" : node.Router is null ? "no_process" : null;
        if (lost is null && node.Paused)
        {
            if (node.PendingInputs.Count >= _options.PausedReceiveBuffer)
            {
                lost = "buffer_full";
            }
            else
            {
                node.PendingInputs.Enqueue(ev);
                return;
            }
        }

        if (lost is not null)
        {
            if (_log.Full)
            {
                _log.Add(new PacketLostRecord(_now, node.Name, iface.Name, lost, pkt.Source.ToString(), null, pkt.Id));
            }

            return;
        }

        Receive(node, iface, pkt);
    }

    private void Receive(SimNode node, SimIface iface, SimPacket pkt)
    {
        if (_log.Full)
        {
            _log.Add(new AdvertReceivedRecord(_now, node.Name, iface.Name, pkt.Source, _nodes[pkt.FromNode].Name, pkt.Id));
        }

        _currentPacket = pkt.Id;
        ApplyEffects(node, node.Router!.ReceivePacket(Local(node), iface.Name, pkt.Source, pkt.Destination, SimPacket.Ttl, pkt.Payload));
        _currentPacket = null;
        Reschedule(node);
    }

    private long? _currentPacket;

    private void OnScriptDone(SimEvent ev)
    {
        SimNode node = _nodes[ev.Node];
        if (ev.Generation == ReplayedRun && node.Router is not null)
        {
            // A real run, replayed: it reads the result the timeline set at this instant.
            bool ok = !node.ScriptOk.TryGetValue((string)ev.Payload!, out bool v) || v;
            if (_log.Full)
            {
                _log.Add(new ScriptRecord(_now, node.Name, (string)ev.Payload!, StateChange: false, ok));
            }

            ev = ev with { Index = ok ? 1 : 0, Generation = node.ProcessGeneration };
        }

        if (ev.Generation != node.ProcessGeneration || node.Router is null)
        {
            return;
        }

        if (node.Paused)
        {
            node.PendingInputs.Enqueue(ev);
            return;
        }

        ApplyEffects(node, node.Router.ScriptCompleted(Local(node), (string)ev.Payload!, ev.Index != 0));
        Reschedule(node);
    }

    private void OnPauseEnd(SimNode node, long generation)
    {
        if (generation != node.ProcessGeneration || !node.Paused || _now < node.PausedUntil || node.Router is null)
        {
            return;
        }

        node.Paused = false;
        _log.Add(new ProcessRecord(_now, node.Name, ProcessChange.Resumed));

        // A thawed process first finds its overdue timers (keepalived: "A thread timer expired"),
        // then reads what queued up in its socket buffer while it was frozen.
        ApplyEffects(node, node.Router.AdvanceTo(Local(node)));
        while (node.Router is not null && node.PendingInputs.TryDequeue(out SimEvent pending))
        {
            if (pending.Type == SimEventType.PacketArrival)
            {
                SimIface iface = node.Ifaces[pending.Iface];
                if (iface.LinkUp)
                {
                    Receive(node, iface, SimPacket.Of(pending));
                }
            }
            else if (pending.Type == SimEventType.FloodQueued)
            {
                SimIface iface = node.Ifaces[pending.Iface];
                if (iface.LinkUp)
                {
                    ReadFloodDatagram(node, iface, _floods[pending.Index], (int)pending.Generation, (byte[])pending.Payload!);
                }
            }
            else if (pending.Type == SimEventType.ScriptDone)
            {
                ApplyEffects(node, node.Router.ScriptCompleted(Local(node), (string)pending.Payload!, pending.Index != 0));
            }
            else if (pending.Type == SimEventType.Action && pending.Payload is RouterInput input)
            {
                // A link change or a tracked process's quorum.
                ApplyEffects(node, node.Router.Step(Local(node), input));
            }
        }

        node.PendingInputs.Clear();
        Reschedule(node);
        if (node.PendingStop)
        {
            node.PendingStop = false;
            StopProcess(node);
        }
    }

    private void ApplyEffects(SimNode node, IReadOnlyList<Effect> effects)
    {
        if (effects is EffectList list)
        {
            // The routers' own buffer (no interface calls); the count is read each time, as below.
            for (int i = 0; i < list.Count; i++)
            {
                ApplyEffect(node, list[i]);
            }

            return;
        }

        for (int i = 0; i < effects.Count; i++)
        {
            ApplyEffect(node, effects[i]);
        }
    }

    private void ApplyEffect(SimNode node, Effect effect)
    {
        {
            // The most frequent first: a script run, an advert accepted, an advert sent.
            switch (effect)
            {
                case RunScript rs when !_beginning && _options.ReplaysScript(node.Name, rs.Script):
                    break;
                case RunScript rs:
                    bool ok = node.ScriptOk.Count == 0 || !node.ScriptOk.TryGetValue(rs.Script, out bool v) || v; // no script fault yet: the common case, no lookup
                    if (_log.Full)
                    {
                        _log.Add(new ScriptRecord(_now, node.Name, rs.Script, StateChange: false, ok));
                    }

                    PushNow(new SimEvent(SimEventType.ScriptDone, node.Index, 0, ok ? 1 : 0, node.ProcessGeneration, rs.Script));
                    break;
                case AdvertisementAccepted:
                    break;
                case SendAdvertisement s:
                    Transmit(node, s);
                    break;
                case AddVirtualAddress a:
                    AddVip(node, a.Instance, a.Device, a.Address.Address);
                    break;
                case RemoveVirtualAddress r:
                    RemoveVip(node, r.Instance, r.Device, r.Address.Address, "removed by keepalived");
                    break;
                case SendGratuitousArp g:
                    SendGarp(node, g);
                    break;
                case StateChanged c:
                    RecordState(node, c.Instance, c.From, c.To, c.Cause);
                    break;
                case PriorityChanged p:
                    _log.Add(new PriorityRecord(_now, node.Name, p.Instance, p.From, p.To));
                    break;
                case ScriptStateChanged ss:
                    _log.Add(new ScriptRecord(_now, node.Name, ss.Script, StateChange: true, ss.Ok));
                    break;
                case RunNotify rn:
                    _log.Add(new NotifyRecord(_now, node.Name, rn.Instance, rn.Arguments.IsDefaultOrEmpty ? rn.Command : rn.Command + " " + string.Join(" ", rn.Arguments)));
                    break;
                case AdvertisementDropped d:
                    if ((int)d.Reason < _drops.Length)
                    {
                        _drops[(int)d.Reason]++;
                    }

                    _log.Add(new AdvertDroppedRecord(_now, node.Name, d.Instance, d.Interface, DropReason(d.Reason), d.Source, _currentPacket));
                    break;
                case LogLine l:
                    if (_log.Full)
                    {
                        _log.Add(new LogRecord(_now, node.Name, null, l.Text));
                    }

                    break;
            }
        }
    }

    private static string DropReason(Engine.Wire.AdvertDropReason r) => Engine.Wire.AdvertDropReasons.ToSnakeCase(r);

    private void RecordState(SimNode node, string instance, VrrpState from, VrrpState to, string cause)
    {
        int idx = node.InstanceIndex(instance);
        byte vrid = 0;
        if (idx >= 0)
        {
            node.States[idx] = to;
            vrid = node.Spec.Config.Instances[idx].VirtualRouterId;
        }

        _log.Add(new StateRecord(_now, node.Name, instance, vrid, from, to, cause));
    }

    private void Transmit(SimNode node, SendAdvertisement s)
    {
        long id = ++_packetId;
        _packetsSent++;
        SimIface? iface = node.FindIface(s.Interface);
        if (_log.Full)
        {
            _log.Add(new AdvertSentRecord(_now, node.Name, s.Instance, s.Interface, s.Source, s.Destination, s.Advert.VirtualRouterId, s.Advert.Priority, id));
        }

        string? lost = iface is null ? "no_interface" : !node.HostUp ? "host_down" : !iface.LinkUp ? "link_down" : null;
        if (lost is not null)
        {
            if (_log.Full)
            {
                _log.Add(new PacketLostRecord(_now, node.Name, s.Interface, lost, null, null, id));
            }

            return;
        }

        var pkt = new SimPacket(id, node.Index, s);
        SimSegment seg = _segments[iface!.Segment];
        bool multicast = IsMulticast(s.Destination);
        bool delivered = false;
        foreach ((int m, int mi) in seg.Members)
        {
            if (m == node.Index && mi == iface.Index)
            {
                continue;
            }

            SimNode target = _nodes[m];
            if (!multicast && !target.Ifaces[mi].Owns(s.Destination))
            {
                continue;
            }

            delivered = true;
            string? why = target.Group != node.Group ? "partition" : seg.Lost() ? "loss" : null;
            if (why is not null)
            {
                if (_log.Full)
                {
                    _log.Add(new PacketLostRecord(_now, target.Name, target.Ifaces[mi].Name, why, s.Source.ToString(), null, id));
                }

                continue;
            }

            Push(_now + seg.Delay(), pkt.ArrivalAt(m, mi));
        }

        if (!multicast && !delivered)
        {
            delivered = RouteUnicast(node, iface, seg, pkt, s.Destination);
        }

        if (!multicast && !delivered && _log.Full)
        {
            _log.Add(new PacketLostRecord(_now, node.Name, s.Interface, "no_route", null, s.Destination.ToString(), id));
        }
    }

    /// <summary>
    /// A unicast advert to an address on another segment is routed there (keepalived's unicast
    /// peers may sit in other subnets): it crosses both segments (delay and loss of each).
    /// </summary>
    private bool RouteUnicast(SimNode node, SimIface from, SimSegment seg, SimPacket pkt, IPAddress destination)
    {
        foreach (SimSegment other in _segments)
        {
            if (other.Index == from.Segment)
            {
                continue;
            }

            foreach ((int m, int mi) in other.Members)
            {
                SimNode target = _nodes[m];
                if (!target.Ifaces[mi].Owns(destination))
                {
                    continue;
                }

                string? why = target.Group != node.Group ? "partition" : seg.Lost() || other.Lost() ? "loss" : null;
                if (why is not null)
                {
                    if (_log.Full)
                    {
                        _log.Add(new PacketLostRecord(_now, target.Name, target.Ifaces[mi].Name, why, pkt.Source.ToString(), null, pkt.Id));
                    }

                    return true;
                }

                Push(_now + seg.Delay() + other.Delay(), pkt.ArrivalAt(m, mi));
                return true;
            }
        }

        return false;
    }

    /// <summary>The process ends: every instance not already stopped is recorded as STOP with <paramref name="cause"/>.</summary>
    private void EndProcess(SimNode node, string cause, ProcessChange change)
    {
        var list = node.Spec.Config.Instances;
        for (int i = 0; i < list.Length; i++)
        {
            if (node.States[i] is not (VrrpState.Stop or VrrpState.Init))
            {
                RecordState(node, list[i].Name, node.States[i], VrrpState.Stop, cause);
            }

            node.States[i] = VrrpState.Init;
        }

        node.Router = null;
        node.Quorums = null;
        node.Starting = false;
        node.Paused = false;
        node.PendingStop = false;
        node.PendingInputs.Clear();
        node.WakeGeneration++;
        node.WakeAt = long.MinValue;
        node.ProcessGeneration++;
        _log.Add(new ProcessRecord(_now, node.Name, change));
    }

    private void StartProcess(SimNode node)
    {
        if (!node.HostUp)
        {
            node.HostUp = true;
            _log.Add(new HostRecord(_now, node.Name, Up: true));
            RefreshNode(node);
        }

        if (node.Router is not null || node.Starting)
        {
            _log.Add(new ProcessRecord(_now, node.Name, ProcessChange.AlreadyRunning));
            return;
        }

        long delay = _options.StartupDelayUs(node.Name, node.Starts++);
        if (delay > 0)
        {
            _log.Add(new ProcessRecord(_now, node.Name, ProcessChange.Started) { Note = "(start-up " + Engine.Time.Duration.FormatSeconds(delay) + ")" });
            node.Starting = true;
            node.ProcessGeneration++;
            Push(_now + delay, new SimEvent(SimEventType.ProcessReady, node.Index, 0, 0, node.ProcessGeneration, null));
            return;
        }

        BeginProcess(node, logStart: true);
    }

    private void OnProcessReady(SimNode node, long generation)
    {
        if (generation != node.ProcessGeneration || !node.Starting)
        {
            return;
        }

        node.Starting = false;
        BeginProcess(node, logStart: false);
    }

    /// <summary>True if <paramref name="address"/> is a virtual or excluded address of <paramref name="node"/>'s configuration.</summary>
    private static bool OwnAddress(SimNode node, IPAddress address)
    {
        foreach (VrrpInstanceConfig inst in node.Spec.Config.Instances)
        {
            foreach (VirtualAddress va in inst.VirtualAddresses)
            {
                if (va.Address.Equals(address))
                {
                    return true;
                }
            }

            foreach (VirtualAddress va in inst.ExcludedAddresses)
            {
                if (va.Address.Equals(address))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The started process is up: it clears its leftovers, enters its initial state and runs.</summary>
    private void BeginProcess(SimNode node, bool logStart)
    {
        // keepalived removes leftover addresses of its own configuration when it starts (e.g. after SIGKILL).
        foreach (SimIface iface in node.Ifaces)
        {
            for (int i = iface.Vips.Count - 1; i >= 0; i--)
            {
                if (OwnAddress(node, iface.Vips[i].Address))
                {
                    RemoveVip(node, iface.Vips[i].Instance, iface.Name, iface.Vips[i].Address, "leftover removed at start");
                }
            }
        }

        var interfaces = node.Ifaces.Select(i => new RouterInterface(i.Name, i.Spec.Address, i.LinkLocal, i.LinkUp)).ToList();
        node.ProcessGeneration++;
        node.Router = new VrrpRouter(node.Config, interfaces) { Logging = _log.Full };
        Array.Fill(node.States, VrrpState.Init);
        if (logStart)
        {
            _log.Add(new ProcessRecord(_now, node.Name, ProcessChange.Started));
        }

        // The first run of each script at the start is the engine's own even when runs are replayed
        // (ScriptRunsUs): the real first run is the one whose result the daemon waited for to start.
        ScanProcesses(node);
        _beginning = true;
        ApplyEffects(node, node.Router.Start(Local(node)));
        _beginning = false;
        Reschedule(node);
    }

    private bool _beginning;

    private void StopProcess(SimNode node)
    {
        if (node.Starting)
        {
            EndProcess(node, "stopped", ProcessChange.Stopped);
            return;
        }

        if (node.Router is null)
        {
            _log.Add(new ProcessRecord(_now, node.Name, ProcessChange.NotRunning));
            return;
        }

        if (node.Paused)
        {
            // A frozen process handles SIGTERM when it is thawed.
            node.PendingStop = true;
            return;
        }

        ApplyEffects(node, node.Router.Shutdown(Local(node)));
        EndProcess(node, "stopped", ProcessChange.Stopped);
    }

    private void AddVip(SimNode node, string instance, string device, IPAddress address)
    {
        SimIface? iface = node.FindIface(device);
        if (iface is null)
        {
            _log.Add(new LogRecord(_now, node.Name, instance, $"cannot add {address}: no device {device}"));
            return;
        }

        if (iface.Holds(address))
        {
            return;
        }

        iface.Vips.Add((address, instance));
        _log.Add(new VipRecord(_now, node.Name, instance, iface.Name, address, true, "added by keepalived"));
        RefreshSegment(iface.Segment);
    }

    private void RemoveVip(SimNode node, string instance, string device, IPAddress address, string cause)
    {
        SimIface? iface = node.FindIface(device);
        if (iface is null)
        {
            return;
        }

        int at = iface.Vips.FindIndex(v => v.Address.Equals(address));
        if (at < 0)
        {
            return;
        }

        string owner = iface.Vips[at].Instance;
        iface.Vips.RemoveAt(at);
        _log.Add(new VipRecord(_now, node.Name, owner, iface.Name, address, false, cause));
        RefreshSegment(iface.Segment);
    }
}
