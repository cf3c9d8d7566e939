using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Simulation;

/// <summary>Timeline actions.</summary>
public sealed partial class Simulator
{
    private SimNode Node(string name) => _nodes.First(n => n.Name == name);

    private void ApplyAction(int index)
    {
        TimelineAction action = index < 0
            ? new StartAction([.. _nodes.Select(n => n.Name)])
            : _timeline[index].Action;
        _log.Add(new ActionRecord(_now, action));

        switch (action)
        {
            case NodesAction a:
                foreach (string n in a.Nodes)
                {
                    ApplyToNode(a, Node(n));
                }

                break;
            case ScriptAction s:
                Node(s.Node).ScriptOk[s.Script] = s.Ok;
                break;
            case LinkAction l:
                SetLink(Node(l.Node), l.Interface, l.Up);
                break;
            case PartitionAction p:
                foreach (SimNode n in _nodes)
                {
                    n.Group = 0;
                }

                for (int g = 0; g < p.Groups.Length; g++)
                {
                    foreach (string n in p.Groups[g])
                    {
                        Node(n).Group = g + 1;
                    }
                }

                break;
            case HealAction:
                foreach (SimNode n in _nodes)
                {
                    n.Group = 0;
                }

                break;
            case LossAction l:
            {
                SimSegment seg = _segments.First(s => s.Name == l.Segment);
                seg.Spec = seg.Spec with { Loss = l.Rate };
                break;
            }

            case LatencyAction l:
            {
                SimSegment seg = _segments.First(s => s.Name == l.Segment);
                seg.Spec = seg.Spec with { Latency = l.Value, Jitter = l.Jitter ?? seg.Spec.Jitter };
                break;
            }

            case PauseAction p:
                Pause(Node(p.Node), p.For.Microseconds);
                break;
            case FloodAction f:
                StartFlood(f);
                break;
            case ProcessAction p:
                SetProcesses(Node(p.Node), p.Name, p.Count, p.Forked);
                break;
            case DriftAction d:
            {
                SimNode sn = Node(d.Node);
                sn.Clock.SetRate(_now, d.Rate);
                sn.WakeAt = long.MinValue;
                Reschedule(sn);
                break;
            }
        }
    }

    /// <summary>What <c>start</c>, <c>stop</c>, <c>kill</c> and <c>crash</c> do to each node they name, in the list's order.</summary>
    private void ApplyToNode(NodesAction action, SimNode node)
    {
        switch (action)
        {
            case StartAction:
                StartProcess(node);
                break;
            case StopAction:
                StopProcess(node);
                break;
            case KillAction:
                if (node.Router is not null || node.Starting)
                {
                    EndProcess(node, "killed", ProcessChange.Killed);
                }

                break;
            case CrashAction:
                Crash(node);
                break;
            default:
                // A new kind of node action must say here what it does, not be skipped silently.
                throw new InvalidOperationException($"no node handling for timeline action {action.GetType().Name}");
        }
    }

    private void Crash(SimNode node)
    {
        if (node.Router is not null || node.Starting)
        {
            EndProcess(node, "host crashed", ProcessChange.GoneWithHost);
        }

        if (!node.HostUp)
        {
            return;
        }

        node.HostUp = false;
        _log.Add(new HostRecord(_now, node.Name, Up: false));
        foreach (SimIface iface in node.Ifaces)
        {
            ForgetClient(iface);
            for (int i = iface.Vips.Count - 1; i >= 0; i--)
            {
                RemoveVip(node, iface.Vips[i].Instance, iface.Name, iface.Vips[i].Address, "host down");
            }
        }

        RefreshNode(node);
    }

    private void SetLink(SimNode node, string ifaceName, bool up)
    {
        SimIface iface = node.FindIface(ifaceName)!;
        if (iface.LinkUp == up)
        {
            return;
        }

        iface.LinkUp = up;
        _log.Add(new LinkRecord(_now, node.Name, iface.Name, up));
        if (!up)
        {
            ForgetClient(iface);
        }

        RefreshSegment(iface.Segment);
        if (node.Router is null)
        {
            return;
        }

        if (node.Paused)
        {
            node.PendingInputs.Enqueue(new SimEvent(SimEventType.Action, node.Index, iface.Index, 0, node.ProcessGeneration, new LinkInput(iface.Name, up)));
            return;
        }

        ApplyEffects(node, node.Router.LinkChanged(Local(node), iface.Name, up));
        Reschedule(node);
    }

    private void Pause(SimNode node, long forUs)
    {
        if (node.Router is null)
        {
            _log.Add(new ProcessRecord(_now, node.Name, ProcessChange.NotRunning));
            return;
        }

        long until = _now + forUs;
        if (node.Paused && node.PausedUntil >= until)
        {
            return;
        }

        node.Paused = true;
        node.PausedUntil = until;
        node.WakeGeneration++;
        node.WakeAt = long.MinValue;
        _log.Add(new ProcessRecord(_now, node.Name, ProcessChange.Paused) { UntilUs = until });
        Push(until, new SimEvent(SimEventType.PauseEnd, node.Index, 0, 0, node.ProcessGeneration, null));
    }
}
