using System.Collections.Immutable;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Sim.Faults;

/// <summary>
/// One case of the catalogue (one fault, or two at depth 2): what happened to every VIP, and the
/// run itself (its scenario replays it with <c>vrrplab run</c>; its result draws its timeline).
/// </summary>
/// <param name="Faults">The faults, each with its onset (microseconds).</param>
/// <param name="Status">The worst status over the VIPs.</param>
/// <param name="Vips">Each VIP's outcome, in the cluster's VIP order.</param>
/// <param name="Scenario">The scenario that was simulated (expectations: what happened, so a replay confirms it).</param>
/// <param name="Run">The simulation.</param>
/// <param name="JudgedAtUs">The instant "while the faults lasted" is judged (just before the first recovery).</param>
public sealed record FaultOutcome(
    ImmutableArray<(Fault Fault, long OnsetUs)> Faults,
    FaultStatus Status,
    ImmutableArray<VipOutcome> Vips,
    Scenario Scenario,
    SimulationResult Run,
    long JudgedAtUs)
{
    /// <summary>The case's id, e.g. <c>crash:lb1</c> or <c>crash:lb1+partition:lb2</c>.</summary>
    public string Id => string.Join("+", Faults.Select(f => f.Fault.Id));

    /// <summary>The faults' titles, e.g. <c>crash lb1 + partition lb2</c>.</summary>
    public string Title => string.Join(" + ", Faults.Select(f => f.Fault.Title));

    /// <summary>1 for a single fault, 2 for a pair.</summary>
    public int Depth => Faults.Length;

    /// <summary>The one line <c>vrrplab check</c> prints (after its status): what was done, then each VIP.</summary>
    public string Line(FaultTiming timing) =>
        $"{Title}: {string.Join("; ", Faults.Select(f => f.Fault.Describe(f.OnsetUs, timing)))} | {string.Join(" | ", Vips.Select(v => v.Describe()))}";

    /// <summary>Lower-case status word as printed: <c>ok</c>, <c>lost</c>, <c>split</c>, <c>flap</c>, <c>FAIL</c>.</summary>
    public static string StatusWord(FaultStatus s) => s switch
    {
        FaultStatus.Ok => "ok",
        FaultStatus.Lost => "lost",
        FaultStatus.Split => "split",
        FaultStatus.Flap => "flap",
        _ => "FAIL",
    };
}
