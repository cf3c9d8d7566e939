using System.Collections.Immutable;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Lab.Running;

/// <summary>A timeline action as the lab did it: when it was due, how late it was applied.</summary>
/// <param name="AtUs">Scenario time it was due.</param>
/// <param name="Action">The action.</param>
/// <param name="LatenessUs">How late the lab applied it (its first system call) after it was due.</param>
public sealed record AppliedAction(long AtUs, TimelineAction Action, long LatenessUs);

/// <summary>A measured start-up: from the scheduled start to the daemon's first state entry.</summary>
/// <param name="Node">The node.</param>
/// <param name="Start">Which start of the node (0-based).</param>
/// <param name="AtUs">Scenario time the start was due.</param>
/// <param name="ExecLatenessUs">How late the exec was.</param>
/// <param name="StartupUs">Scheduled start to the start of the daemon's VRRP timers (null: no sign of them).</param>
public sealed record MeasuredStartup(string Node, int Start, long AtUs, long ExecLatenessUs, long? StartupUs)
{
    /// <summary>How <see cref="StartupUs"/> was timed (<c>wire: first advert as MASTER ...</c>, <c>log: first state line</c>).</summary>
    public string Timing { get; init; } = "log: first state line";
}

/// <summary>The outcome of one scenario run in the lab, beside the simulator's prediction.</summary>
public sealed class LabRun
{
    /// <summary>The scenario.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The run's id (its namespaces' prefix).</summary>
    public required string RunId { get; init; }

    /// <summary>What ran on each node.</summary>
    public required IReadOnlyDictionary<string, NodeImplementation> Implementations { get; init; }

    /// <summary>Which vrrplab executable ran the <c>vrrplab daemon</c> nodes (and floods), null when none ran.</summary>
    public string? VrrplabBinary { get; init; }

    /// <summary>The tolerance timing verdicts were judged with.</summary>
    public required long ToleranceUs { get; init; }

    /// <summary>Building the network and starting the observers (µs).</summary>
    public required long SetupUs { get; init; }

    /// <summary>Stopping everything and deleting the namespaces (µs).</summary>
    public long TeardownUs { get; set; }

    /// <summary>The real event log (scenario time).</summary>
    public required EventLog Log { get; init; }

    /// <summary>The history built from <see cref="Log"/>.</summary>
    public required SimHistory History { get; init; }

    /// <summary>The real verdicts (tolerance and start-up shifts in their evidence).</summary>
    public required ImmutableArray<Verdict> Verdicts { get; init; }

    /// <summary>What <c>vrrplab run</c> predicts for the same file, seed and implementations.</summary>
    public required SimulationResult Predicted { get; init; }

    /// <summary>The prediction's verdicts (exact).</summary>
    public required ImmutableArray<Verdict> PredictedVerdicts { get; init; }

    /// <summary>The replay's verdicts, judged like the real ones: what the lab's verdicts are compared with.</summary>
    public required ImmutableArray<Verdict> ReplayVerdicts { get; init; }

    /// <summary>The simulator replayed with the measured start-ups: what the diff compares with.</summary>
    public required SimulationResult Replay { get; init; }

    /// <summary>The sim-vs-real diff.</summary>
    public required LabDiff Diff { get; init; }

    /// <summary>Every action as applied.</summary>
    public required IReadOnlyList<AppliedAction> Actions { get; init; }

    /// <summary>Every start-up measured.</summary>
    public required IReadOnlyList<MeasuredStartup> Startups { get; init; }

    /// <summary>For each MASTER entry timed on the wire: the log line's time minus the wire's (µs).</summary>
    public required IReadOnlyList<long> LogMinusWireUs { get; init; }

    /// <summary>What the lab changed or chose, said once (controlled scripts, the clients' addresses).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Each daemon's output, per node, with scenario times.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<(long TimeUs, string Text)>> DaemonLogs { get; init; }

    /// <summary>
    /// False when the scenario has random loss (a rate strictly between 0% and 100%, on a segment or in
    /// its timeline): the kernel draws which packets the lab drops, not the simulator's seeded sequence,
    /// so how often a backup takes over and yields is chance in both worlds and only the expectations
    /// (written to hold for nearly every draw) are judged; the sequences are still shown.
    /// </summary>
    public bool SequencesJudged => !HasRandomLoss(Scenario);

    /// <summary>True when every real verdict holds and the state sequences match (when they are judged).</summary>
    public bool Passed => Verdicts.All(v => v.Passed) && (Diff.SequencesMatch || !SequencesJudged);

    /// <summary>True when a segment or a timeline <c>loss</c> drops packets at a rate strictly between 0% and 100%.</summary>
    public static bool HasRandomLoss(Scenario scenario) =>
        scenario.Segments.Any(s => IsRandom(s.Loss)) || scenario.Timeline.Any(e => e.Action is LossAction l && IsRandom(l.Rate));

    private static bool IsRandom(Rate r) => r.PartsPerMillion > 0 && r.PartsPerMillion < Rate.Always.PartsPerMillion;
}
