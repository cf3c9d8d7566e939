using VrrpLab.Engine.Configuration;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// keepalived's effective priority, the one rule shared by the engine, the linter and the fault
/// catalogue: the configured priority plus, for every tracked script and interface, its weight
/// when it counts, clamped to 1..254; an address owner (priority 255) ignores weights.
/// </summary>
/// <remarks>
/// keepalived 2.2.7 vrrp_track.c (<c>initialise_track_script_state</c>,
/// <c>process_script_update_priority</c>, <c>vrrp_set_effective_priority</c>): a positive weight
/// is added while the script succeeds (interface up), a negative weight is added while it fails
/// (interface down), a script with no result yet adds nothing; <c>total_priority</c> below 1 gives
/// 1 and 255 or more gives 254. A weight of 0 does not change the priority: failing puts the
/// instance in FAULT instead.
/// </remarks>
public static class EffectivePriorityRule
{
    /// <summary>What one tracker with <paramref name="weight"/> adds while it reports <paramref name="status"/>.</summary>
    public static int Contribution(int weight, TrackerStatus status) => status switch
    {
        TrackerStatus.Ok when weight > 0 => weight,
        TrackerStatus.Failed when weight < 0 => weight,
        _ => 0,
    };

    /// <summary>The effective priority for a configured priority and the sum of the contributions.</summary>
    public static byte Clamp(byte configured, int contributions) =>
        configured == 255 ? (byte)255 : (byte)Math.Clamp(configured + contributions, 1, 254);

    /// <summary>The weight of a <c>track_script</c> line: its own <c>weight</c>, else the script's, else 0.</summary>
    public static int Weight(ScriptTrack track, TrackedScript? script) => track.Weight ?? script?.Weight ?? 0;

    /// <summary>
    /// The effective priority of <paramref name="instance"/> (whose scripts are <paramref name="scripts"/>,
    /// the router's <c>vrrp_script</c> blocks) in tracking state <paramref name="state"/>.
    /// </summary>
    public static byte Of<TState>(VrrpInstanceConfig instance, IReadOnlyList<TrackedScript> scripts, TState state, int fileContributions = 0)
        where TState : ITrackingState
    {
        if (instance.IsAddressOwner)
        {
            return 255;
        }

        int total = fileContributions;
        foreach (ScriptTrack t in instance.TrackScripts)
        {
            TrackedScript? script = Find(scripts, t.Name);
            total += Contribution(Weight(t, script), state.Script(t.Name));
        }

        foreach (InterfaceTrack t in instance.TrackInterfaces)
        {
            total += Contribution(t.Weight, state.InterfaceUp(t.Interface) ? TrackerStatus.Ok : TrackerStatus.Failed);
        }

        return Clamp(instance.Priority, total);
    }

    /// <summary>
    /// The highest effective priority <paramref name="instance"/> can reach (every positive-weight
    /// tracker succeeding, every negative-weight one succeeding) and the lowest it can fall to while
    /// no weight-0 tracker puts it in FAULT (every positive-weight tracker failing, every negative one failing).
    /// </summary>
    public static (byte Lowest, byte Highest) Range(VrrpInstanceConfig instance, IReadOnlyList<TrackedScript> scripts)
    {
        if (instance.IsAddressOwner)
        {
            return (255, 255);
        }

        int up = 0;
        int down = 0;
        foreach (ScriptTrack t in instance.TrackScripts)
        {
            int w = Weight(t, Find(scripts, t.Name));
            up += Math.Max(0, w);
            down += Math.Min(0, w);
        }

        foreach (InterfaceTrack t in instance.TrackInterfaces)
        {
            up += Math.Max(0, t.Weight);
            down += Math.Min(0, t.Weight);
        }

        return (Clamp(instance.Priority, down), Clamp(instance.Priority, up));
    }

    /// <summary>
    /// What a tracked file holding <paramref name="value"/> adds through a line of weight
    /// <paramref name="weight"/> (keepalived 2.2.7 vrrp_track.c, <c>update_track_file_status</c>):
    /// weight 0 means no priority change and FAULT while the value is non-zero (zero with
    /// <paramref name="reverse"/>); otherwise value x weight (negated by <paramref name="reverse"/>)
    /// capped at 253, and below -253 the instance is in FAULT (null).
    /// </summary>
    public static int? FileContribution(long value, int weight, bool reverse)
    {
        if (weight == 0)
        {
            return (value != 0) != reverse ? null : 0;
        }

        long status = value * weight * (reverse ? -1 : 1);
        return status < -253 ? null : (int)Math.Min(status, 253);
    }

    /// <summary>
    /// What a tracked process adds through a line of weight <paramref name="weight"/> (keepalived 2.2.7
    /// vrrp_track.c, <c>initialise_process_tracking_priorities</c> and <c>process_update_track_process_status</c>):
    /// weight 0 means FAULT (null) without the quorum (with it, when <paramref name="reverse"/>); a positive
    /// weight is added while the quorum holds, a negative one while it does not; <paramref name="reverse"/>
    /// negates what is added.
    /// </summary>
    public static int? ProcessContribution(bool haveQuorum, int weight, bool reverse)
    {
        if (weight == 0)
        {
            return haveQuorum != reverse ? 0 : null;
        }

        int multiplier = reverse ? -1 : 1;
        return (weight > 0) == haveQuorum ? weight * multiplier : 0;
    }

    private static TrackedScript? Find(IReadOnlyList<TrackedScript> scripts, string name)
    {
        for (int i = 0; i < scripts.Count; i++)
        {
            if (string.Equals(scripts[i].Name, name, StringComparison.Ordinal))
            {
                return scripts[i];
            }
        }

        return null;
    }
}
