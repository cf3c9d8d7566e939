namespace VrrpLab.Sim.Tests.Properties;

/// <summary>
/// Random clusters under random fault schedules, run in the simulator. A failure shrinks to a
/// minimal schedule and its label is a scenario file that reproduces it (save it as
/// <c>repro.yaml</c> and run <c>vrrplab run repro.yaml --trace DIR</c>). Replay a failing seed with
/// <c>[FsProperty(Replay = "SEED")]</c>.
/// </summary>
public sealed class FaultScheduleProperties
{
    private static Property Holds(Arbitrary<FaultCase> cases, string property, Func<FaultCase, RunHistory, Violation?> invariant) =>
        Prop.ForAll(cases, c =>
        {
            Violation? violation = invariant(c, PropertyRun.Execute(c));
            return Prop.Label(violation is null, violation is null ? property : Reproducer(c, property, violation));
        });

    /// <summary>The label FsCheck prints for a (shrunk) failing case: a scenario file whose expectations fail the same way.</summary>
    public static string Reproducer(FaultCase c, string property, Violation violation) =>
        "\n--- scenario that reproduces it (save as repro.yaml, then: vrrplab run repro.yaml) ---\n" +
        c.ToYaml($"Reproducer printed by FaultScheduleProperties.\nProperty: {property}\nViolation: {violation.Message}", expect: violation.Expect);

    [FsProperty(MaxTest = 150)]
    public Property At_most_one_master_among_nodes_that_can_reach_each_other() =>
        Holds(FaultCaseGen.Cases(), "at most one MASTER among nodes that can reach each other (grace: one interval)",
            FaultInvariants.AtMostOneMasterAmongReachableNodes);

    [FsProperty(MaxTest = 150)]
    public Property After_the_last_fault_heals_one_master_within_one_mdi_and_it_is_keepaliveds_choice() =>
        Holds(FaultCaseGen.Cases(), "after the last heal: exactly one MASTER within one MDI plus latency, keepalived's choice",
            FaultInvariants.SettlesOnKeepalivedsChoice);

    [FsProperty(MaxTest = 150)]
    public Property With_preemption_the_highest_priority_ends_master() =>
        Holds(FaultCaseGen.PreemptiveDistinctCases(), "with preemption (and distinct priorities) the highest priority ends MASTER",
            (c, h) =>
            {
                ClusterNode top = c.Nodes.MaxBy(n => n.Priority)!;
                List<string> masters = h.MastersAt(h.EndUs);
                return masters.SequenceEqual([top.Name])
                    ? null
                    : new Violation($"MASTER at the end: {string.Join(", ", masters)}; expected {top.Name} (priority {top.Priority}, the highest, preemptive)",
                        [$"final: {{ master: {top.Name} }}"]);
            });

    [FsProperty(MaxTest = 150)]
    public Property Nopreempt_backup_hearing_valid_adverts_never_takes_over() =>
        Holds(FaultCaseGen.Cases(nopreemptHeavy: true), "a nopreempt BACKUP that keeps hearing valid adverts never takes over",
            FaultInvariants.NopreemptBackupNeverTakesOverFromALiveMaster);
}
