using System.Collections.Immutable;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Lab.Running;

/// <summary>One start of a daemon as the lab saw it (scenario µs).</summary>
/// <param name="Node">The node.</param>
/// <param name="Start">Which start of the node (0-based).</param>
/// <param name="DueUs">When the start was due.</param>
/// <param name="ExecUs">When the lab exec'd the daemon.</param>
/// <param name="FirstLineUs">When the lab read the daemon's first state line of this start (null: none came).</param>
/// <param name="FirstFaultUs">When the lab read this start's first FAULT line (null: none).</param>
public sealed record ObservedStart(string Node, int Start, long DueUs, long ExecUs, long? FirstLineUs, long? FirstFaultUs = null);

/// <summary>An advertisement on the wire, attributed to its sender (scenario µs, kernel stamp).</summary>
public sealed record WireSighting(long TimeUs, string Node, byte Vrid, byte Priority);

/// <summary>A report joining the VRRP group on the wire, attributed to the node that sent it (scenario µs, kernel stamp).</summary>
public sealed record JoinSighting(long TimeUs, string Node);

/// <summary>
/// Times each daemon start-up (scheduled start to the start of its VRRP timers) from what the capture
/// saw, where it can: a node that goes MASTER on its own master-down timer after a start sends its first
/// advert exactly one own-timer delay (the master-down interval, or what the simulator's engine takes
/// alone for that configuration) after its timers started, so that advert's kernel stamp fixes the
/// start-up, and with it the phase of every advert the node sends as MASTER. A log line reaches the lab
/// late (milliseconds, tens on a loaded machine), never early; the wire's start-up is taken when it lies
/// between the exec and the log line. A node that stayed BACKUP (or went MASTER after hearing others) is
/// timed by the report joining 224.0.0.18 / ff02::12 it sends when it opens its VRRP socket (the kernel
/// sends it at its next timer tick, ~10 ms here), taken when it lies between the exec and the log line
/// too. Only with neither does the first state line time it. The evidence says which method timed each.
/// </summary>
public static class StartupTiming
{
    /// <summary>
    /// How much later than its first state line a wire start-up may be: a daemon may log its BACKUP entry
    /// before it arms its timers, and a starved daemon runs its timers late (keepalived 2.2.7: ~15 ms
    /// after the line on a busy machine, 154 ms at load 21). What matters to the replay is the phase of
    /// the adverts the node then sends, which its first advert fixes.
    /// </summary>
    public const long LogSlackUs = 500_000;

    /// <summary>
    /// Times every start of <paramref name="starts"/>. <paramref name="options"/> are the prediction's
    /// (implementations), used to ask the simulator how long each instance takes alone from its start to
    /// its first advert.
    /// </summary>
    public static IReadOnlyList<MeasuredStartup> Time(Scenario scenario, SimulationOptions options, IReadOnlyList<ObservedStart> starts, IReadOnlyList<WireSighting> wire, IReadOnlyList<JoinSighting>? joins = null)
    {
        joins ??= [];
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(wire);
        var solo = new Dictionary<string, IReadOnlyDictionary<byte, long>>(StringComparer.Ordinal);
        var result = new List<MeasuredStartup>();
        foreach (ObservedStart s in starts)
        {
            long? logStartup = s.FirstLineUs - s.DueUs;
            long until = starts.Where(o => o.Node == s.Node && o.Start > s.Start).Select(o => o.ExecUs).DefaultIfEmpty(long.MaxValue).Min();
            if (!solo.TryGetValue(s.Node, out IReadOnlyDictionary<byte, long>? own))
            {
                solo[s.Node] = own = OwnTimerDelays(scenario, options, s.Node);
            }

            (long Startup, string Timing)? best = null;
            long bestWire = long.MaxValue;
            foreach ((byte vrid, long delay) in own)
            {
                WireSighting? first = wire.Where(w => w.Node == s.Node && w.Vrid == vrid && w.Priority > 0 && w.TimeUs >= s.ExecUs && w.TimeUs < until)
                    .OrderBy(w => w.TimeUs).FirstOrDefault();
                if (first is null || first.TimeUs >= bestWire)
                {
                    continue;
                }

                long candidate = first.TimeUs - delay - s.DueUs;
                bool afterExec = candidate >= s.ExecUs - s.DueUs;
                bool beforeLine = logStartup is not { } l || candidate <= l + LogSlackUs;
                bool faultFirst = s.FirstFaultUs is { } f && f < first.TimeUs;
                if (!afterExec || !beforeLine || faultFirst || HeardBefore(scenario, s.Node, vrid, wire, s.ExecUs, first.TimeUs))
                {
                    continue;
                }

                bestWire = first.TimeUs;
                string line = logStartup is { } ls ? $"; its first state line {Judging.Milliseconds(ls - candidate, plus: true)}" : "; no state line";
                if (FirstJoin(joins, s, until) is { } j)
                {
                    // Both on the wire: how far the join report is from the timers it stands for when alone.
                    line += $"; its join report {Judging.Milliseconds(j.TimeUs - s.DueUs - candidate, plus: true)}";
                }
                best = (candidate, $"wire: first advert as MASTER (vrid {vrid}) at {Duration.FormatSeconds(first.TimeUs)} minus its own-timer delay {Duration.FormatSeconds(delay)}{line}");
            }

            if (best is null && FirstJoin(joins, s, until) is { } join)
            {
                // The socket opens as the daemon starts its VRRP side: the join report is the start of its timers
                // (within a timer tick). Not when it went through FAULT first (its interface came up later).
                long candidate = join.TimeUs - s.DueUs;
                bool beforeLine = logStartup is not { } l || candidate <= l + LogSlackUs;
                bool faultFirst = s.FirstFaultUs is { } f && f < join.TimeUs;
                if (beforeLine && !faultFirst)
                {
                    string line = logStartup is { } ls ? $"; its first state line {Judging.Milliseconds(ls - candidate, plus: true)}" : "; no state line";
                    best = (candidate, $"wire: report joining the VRRP group at {Duration.FormatSeconds(join.TimeUs)}{line}");
                }
            }

            if (best is { } b)
            {
                result.Add(new MeasuredStartup(s.Node, s.Start, s.DueUs, s.ExecUs - s.DueUs, b.Startup) { Timing = b.Timing });
            }
            else
            {
                result.Add(new MeasuredStartup(s.Node, s.Start, s.DueUs, s.ExecUs - s.DueUs, logStartup) { Timing = logStartup is null ? "no state line" : "log: first state line" });
            }
        }

        return result;
    }

    private static JoinSighting? FirstJoin(IReadOnlyList<JoinSighting> joins, ObservedStart s, long until) =>
        joins.Where(j => j.Node == s.Node && j.TimeUs >= s.ExecUs && j.TimeUs < until).OrderBy(j => j.TimeUs).FirstOrDefault();

    /// <summary>
    /// True when another node advertised the VRID between <paramref name="fromUs"/> and <paramref name="toUs"/> in a way
    /// that restarts <paramref name="node"/>'s master-down timer (any advert for a nopreempt instance; one
    /// with a priority at least its own otherwise): then its MASTER entry did not come from its start.
    /// </summary>
    private static bool HeardBefore(Scenario scenario, string node, byte vrid, IReadOnlyList<WireSighting> wire, long fromUs, long toUs)
    {
        Engine.Configuration.VrrpInstanceConfig? inst = scenario.Nodes.FirstOrDefault(n => n.Name == node)?.Config.Instances.FirstOrDefault(i => i.VirtualRouterId == vrid);
        return wire.Any(w => w.Node != node && w.Vrid == vrid && w.TimeUs >= fromUs && w.TimeUs < toUs
            && (inst is null || inst.Nopreempt || w.Priority == 0 || w.Priority >= inst.Priority));
    }

    /// <summary>
    /// Per VRID of <paramref name="node"/>: how long the simulator's engine takes from the start of its timers
    /// to its first advert when it is alone (the master-down interval for a plain BACKUP start).
    /// </summary>
    public static IReadOnlyDictionary<byte, long> OwnTimerDelays(Scenario scenario, SimulationOptions options, string node)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        Scenario alone = scenario with
        {
            Autostart = false,
            Timeline = [new TimelineEntry(Duration.Zero, new StartAction([node]))],
            Expectations = [],
            Duration = Duration.FromSeconds(60),
        };
        SimulationResult r = new Simulator(alone, options with { StartupDelaysUs = null, Recording = Sim.Tracing.RecordingLevel.Full }).Run();
        var delays = new Dictionary<byte, long>();
        foreach (AdvertSentRecord a in r.History.Log.OfType<AdvertSentRecord>().Where(a => a.Node == node && a.Priority > 0))
        {
            _ = delays.TryAdd(a.Vrid, a.TimeUs);
        }

        return delays.ToImmutableDictionary();
    }
}
