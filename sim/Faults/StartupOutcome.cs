using System.Collections.Immutable;
using System.Net;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Faults;

/// <summary>Who holds one VIP once every host has started.</summary>
/// <param name="Vip">The virtual address.</param>
/// <param name="Holders">The hosts holding it when the faults would start, with the VRID each holds it under.</param>
/// <param name="SinceUs">When the (first) holder acquired it.</param>
/// <param name="Problem">Null when exactly one host holds it; else why that is wrong.</param>
public sealed record StartupVip(IPAddress Vip, ImmutableArray<(string Node, byte Vrid)> Holders, long? SinceUs, string? Problem);

/// <summary>
/// The startup check: every host starts keepalived at 0s and, when the election is over, every VIP
/// must be held by exactly one host (two VRIDs holding one VIP both answer ARP for it).
/// </summary>
/// <param name="Vips">Each VIP.</param>
/// <param name="AtUs">When it is judged (the faults' onset).</param>
/// <param name="DropReasons">Why adverts were dropped, most frequent first (e.g. <c>interval_mismatch x12</c>), when any.</param>
/// <param name="Scenario">The scenario simulated.</param>
/// <param name="Run">The simulation.</param>
public sealed record StartupOutcome(ImmutableArray<StartupVip> Vips, long AtUs, string DropReasons, Scenario Scenario, SimulationResult Run)
{
    /// <summary>True when every VIP has exactly one holder.</summary>
    public bool Passed => Vips.All(v => v.Problem is null);
}
