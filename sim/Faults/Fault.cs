using System.Globalization;
using VrrpLab.Config.Lint;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Faults;

/// <summary>
/// One fault of the catalogue on one host. It starts at an onset, holds for
/// <see cref="FaultTiming.Hold"/>, then recovers (the host boots, keepalived is started again, the
/// script succeeds, the carrier returns, the process thaws, the host rejoins).
/// </summary>
/// <param name="Kind">What happens.</param>
/// <param name="Node">The host it happens to.</param>
/// <param name="Target">The script (<see cref="FaultKind.ScriptFails"/>) or interface (<see cref="FaultKind.InterfaceDown"/>).</param>
public sealed record Fault(FaultKind Kind, string Node, string? Target = null)
{
    /// <summary>The failing script (<see cref="FaultKind.ScriptFails"/>).</summary>
    public TrackedScript? Script { get; init; }

    /// <summary>The weight of the tracked script or interface (0: failing means FAULT).</summary>
    public int Weight { get; init; }

    /// <summary>What the failing script does to keepalived itself (<c>systemctl stop keepalived</c>: <see cref="KeepalivedEnd.Stop"/>).</summary>
    public ScriptEffect ScriptEffect { get; init; } = ScriptEffect.Nothing;

    /// <summary>For <see cref="FaultKind.InterfaceDown"/>: the interface is the one VRRP runs on (keepalived tracks it itself).</summary>
    public bool OwnInterface { get; init; }

    /// <summary>For <see cref="FaultKind.Flood"/>: the VRID the garbage names.</summary>
    public byte Vrid { get; init; }

    /// <summary>For <see cref="FaultKind.Flood"/>: datagrams per second.</summary>
    public int Rate { get; init; } = FloodRate;

    /// <summary>The catalogue's flood rate: what the issue measured against keepalived 2.2.7 (200/s silences its MASTER).</summary>
    public const int FloodRate = 200;

    /// <summary>What limits a flood, as <c>vrrplab check</c> says it.</summary>
    public const string FloodLimits =
        "limited by unicast peers (unicast_peer) behind a firewall that accepts IP protocol 112 only from them, "
        + "a VRID no other cluster on the segment uses, or vrrplab daemon's hardened packet policy (docs/packet-policy.md)";

    /// <summary>A stable id, e.g. <c>crash:lb1</c>, <c>script:lb1:chk_nginx</c>, <c>link:lb1:eth1</c>.</summary>
    public string Id => Kind switch
    {
        FaultKind.Crash => "crash:" + Node,
        FaultKind.Stop => "stop:" + Node,
        FaultKind.Kill => "kill:" + Node,
        FaultKind.ScriptFails => $"script:{Node}:{Target}",
        FaultKind.InterfaceDown => $"link:{Node}:{Target}",
        FaultKind.Pause => "pause:" + Node,
        FaultKind.RebootLateLink => "reboot-late-link:" + Node,
        FaultKind.Flood => $"flood:{Node}:{N(Vrid)}",
        _ => "partition:" + Node,
    };

    /// <summary>True when the fault ends keepalived (or the host) on <see cref="Node"/> for a while.</summary>
    public bool TakesHostDown => Kind is FaultKind.Crash or FaultKind.Stop or FaultKind.Kill or FaultKind.RebootLateLink
        || (Kind == FaultKind.ScriptFails && ScriptEffect.End != KeepalivedEnd.None);

    /// <summary>A few words: <c>crash lb1</c>, <c>chk_nginx fails on lb1 (weight -20)</c>.</summary>
    public string Title => Kind switch
    {
        FaultKind.Crash => $"crash {Node}",
        FaultKind.Stop => $"stop keepalived on {Node}",
        FaultKind.Kill => $"SIGKILL keepalived on {Node}",
        FaultKind.ScriptFails => $"{Target} fails on {Node} ({ScriptWhat()})",
        FaultKind.InterfaceDown => $"{Target} down on {Node} ({InterfaceWhat()})",
        FaultKind.Pause => $"pause keepalived on {Node}",
        FaultKind.RebootLateLink => $"reboot {Node} behind a late link",
        FaultKind.Flood => $"garbage for VRID {N(Vrid)} at {N(Rate)}/s on {Node}",
        _ => $"partition {Node}",
    };

    /// <summary>The fault with its times, e.g. <c>lb1 powers off at 26s, boots at 78s</c>.</summary>
    public string Describe(long onsetUs, FaultTiming timing)
    {
        string t = T(onsetUs);
        string back = T(onsetUs + timing.Hold.Microseconds);
        return Kind switch
        {
            FaultKind.Crash => $"{Node} powers off at {t}, boots at {back}",
            FaultKind.Stop => $"keepalived on {Node} stopped (SIGTERM) at {t}, started at {back}",
            FaultKind.Kill => $"keepalived on {Node} killed (SIGKILL) at {t}, started at {back}",
            FaultKind.ScriptFails when ScriptEffect.End != KeepalivedEnd.None =>
                $"{Target} fails on {Node} at {t}: its run at {T(ScriptRunAt(onsetUs))} {(ScriptEffect.End == KeepalivedEnd.Kill ? "kills keepalived (SIGKILL)" : "stops keepalived")} ({ScriptEffect.Evidence}); "
                + $"the service is back at {back} but nothing restarts keepalived; started by hand at {T(onsetUs + timing.Hold.Microseconds + timing.Settle.Microseconds)}",
            FaultKind.ScriptFails => $"{Target} fails on {Node} from {t} ({ScriptWhat()}), succeeds again from {back}",
            FaultKind.InterfaceDown => $"{Target} on {Node} loses carrier at {t} ({InterfaceWhat()}), back at {back}",
            FaultKind.Pause => $"keepalived on {Node} frozen (SIGSTOP) at {t} for {timing.Hold}",
            FaultKind.RebootLateLink => $"{Node} powers off at {t}, boots at {T(onsetUs + timing.Settle.Microseconds)} with a network that forwards nothing until {back}",
            FaultKind.Flood => $"an extra host on {Node} sends {N(Rate)} garbage VRRP datagrams/s naming VRID {N(Vrid)} (none a valid advert) from {t} to {T(onsetUs + timing.Settle.Microseconds)}; {FloodLimits}",
            _ => $"{Node} cut off from the other hosts at {t}, rejoins at {back}",
        };
    }

    /// <summary>When the failing script's first run at or after <paramref name="onsetUs"/> happens (runs fall on whole intervals from the start at 0s).</summary>
    public long ScriptRunAt(long onsetUs)
    {
        long interval = Script?.Interval.Microseconds ?? 1_000_000;
        return (onsetUs + interval - 1) / interval * interval;
    }

    private string InterfaceWhat() => OwnInterface ? "its VRRP interface" : $"track_interface, weight {N(Weight)}";

    private string ScriptWhat() => ScriptEffect.End switch
    {
        KeepalivedEnd.Stop => "it stops keepalived",
        KeepalivedEnd.Kill => "it kills keepalived",
        _ => Weight == 0 ? "weight 0: FAULT" : $"weight {N(Weight)}",
    };

    private static string T(long us) => Duration.FormatSeconds(us);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
