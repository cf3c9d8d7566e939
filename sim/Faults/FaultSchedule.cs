using System.Collections.Immutable;
using VrrpLab.Config.Lint;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Faults;

/// <summary>
/// Turns faults with their onsets into a scenario timeline. Isolations (partitions, late links)
/// compose: every isolated host is a group of its own until it rejoins, the others stay together.
/// </summary>
public static class FaultSchedule
{
    /// <summary>The timeline of <paramref name="faults"/> (each with its onset), sorted by time, ties in fault order.</summary>
    public static ImmutableArray<TimelineEntry> Timeline(IReadOnlyList<(Fault Fault, long OnsetUs)> faults, FaultTiming timing)
    {
        var items = new List<(long T, int Order, TimelineAction? Action, string? Isolate, bool Rejoin)>();
        int order = 0;
        void Add(long t, TimelineAction a) => items.Add((t, order++, a, null, false));
        void Isolate(long t, string node, bool rejoin) => items.Add((t, order++, null, node, rejoin));

        long hold = timing.Hold.Microseconds;
        foreach ((Fault f, long t) in faults)
        {
            ImmutableArray<string> node = [f.Node];
            switch (f.Kind)
            {
                case FaultKind.Crash:
                    Add(t, new CrashAction(node));
                    Add(t + hold, new StartAction(node));
                    break;
                case FaultKind.Stop:
                    Add(t, new StopAction(node));
                    Add(t + hold, new StartAction(node));
                    break;
                case FaultKind.Kill:
                    Add(t, new KillAction(node));
                    Add(t + hold, new StartAction(node));
                    break;
                case FaultKind.ScriptFails:
                    Add(t, new ScriptAction(f.Node, f.Target!, false));
                    if (f.ScriptEffect.End != KeepalivedEnd.None)
                    {
                        // The script itself ends keepalived at its first failing run; nothing restarts
                        // keepalived when the service recovers; an operator does, one Settle later.
                        long run = f.ScriptRunAt(t);
                        Add(run, f.ScriptEffect.End == KeepalivedEnd.Kill ? new KillAction(node) : new StopAction(node));
                        Add(t + hold, new ScriptAction(f.Node, f.Target!, true));
                        Add(t + hold + timing.Settle.Microseconds, new StartAction(node));
                    }
                    else
                    {
                        Add(t + hold, new ScriptAction(f.Node, f.Target!, true));
                    }

                    break;
                case FaultKind.InterfaceDown:
                    Add(t, new LinkAction(f.Node, f.Target!, false));
                    Add(t + hold, new LinkAction(f.Node, f.Target!, true));
                    break;
                case FaultKind.Pause:
                    Add(t, new PauseAction(f.Node, timing.Hold));
                    break;
                case FaultKind.RebootLateLink:
                    Add(t, new CrashAction(node));
                    Isolate(t + timing.Settle.Microseconds, f.Node, rejoin: false);
                    Add(t + timing.Settle.Microseconds, new StartAction(node));
                    Isolate(t + hold, f.Node, rejoin: true);
                    break;
                case FaultKind.Partition:
                    Isolate(t, f.Node, rejoin: false);
                    Isolate(t + hold, f.Node, rejoin: true);
                    break;
                case FaultKind.Flood:
                    // One Settle: at least one Master_Down_Interval, so a silenced MASTER's BACKUP takes over at least
                    // once; a second fault (depth 2) starts as the first one's failover is over, so they overlap.
                    Add(t, new FloodAction(f.Node, f.Vrid, f.Rate, timing.Settle, Engine.Wire.FloodKind.Garbage));
                    break;
            }
        }

        items.Sort((a, b) => a.T != b.T ? a.T.CompareTo(b.T) : a.Order.CompareTo(b.Order));
        var isolated = new List<string>();
        var timeline = ImmutableArray.CreateBuilder<TimelineEntry>();
        foreach (var item in items)
        {
            Duration at = Duration.FromMicroseconds(item.T);
            if (item.Action is { } a)
            {
                timeline.Add(new TimelineEntry(at, a));
                continue;
            }

            if (item.Rejoin)
            {
                isolated.Remove(item.Isolate!);
            }
            else if (!isolated.Contains(item.Isolate!))
            {
                isolated.Add(item.Isolate!);
            }

            timeline.Add(new TimelineEntry(at, isolated.Count == 0
                ? new HealAction()
                : new PartitionAction([.. isolated.Select(n => ImmutableArray.Create(n))])));
        }

        return timeline.ToImmutable();
    }

    /// <summary>When the last phase of <paramref name="f"/> starting at <paramref name="onsetUs"/> happens.</summary>
    public static long LastPhase(Fault f, long onsetUs, FaultTiming timing) =>
        onsetUs + timing.Hold.Microseconds
        + (f.Kind == FaultKind.ScriptFails && f.ScriptEffect.End != KeepalivedEnd.None ? timing.Settle.Microseconds : 0);
}
