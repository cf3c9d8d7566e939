using System.Text;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Running;

/// <summary>
/// The catalogue table (<c>vrrplab lab scenarios --impl keepalived --impl vrrplab --table FILE</c>):
/// one row per scenario and implementation, saying whether the lab and the simulator agree, the
/// largest takeover timing difference and what differs; a notes file adds why.
/// </summary>
public static class LabCatalogue
{
    /// <summary>
    /// True when the lab and the simulator (replayed with the measured start-ups) agree: the same sequences
    /// of states (not compared under random loss: <see cref="LabRun.SequencesJudged"/>), and every
    /// expectation has the same verdict in both.
    /// </summary>
    public static bool Agrees(LabRun run) =>
        (run.Diff.SequencesMatch || !run.SequencesJudged) && run.Verdicts.Select((v, i) => v.Passed == run.ReplayVerdicts[i].Passed || v.Passed == run.PredictedVerdicts[i].Passed).All(x => x);

    /// <summary>Reads <c>SCENARIO&lt;TAB&gt;IMPL&lt;TAB&gt;why</c> lines (# comments); a missing file is no notes.</summary>
    public static Dictionary<(string Scenario, string Impl), string> ReadNotes(string path)
    {
        var notes = new Dictionary<(string, string), string>();
        if (!File.Exists(path))
        {
            return notes;
        }

        foreach (string line in File.ReadAllLines(path))
        {
            string[] parts = line.Split('\t', 3);
            if (parts.Length == 3 && !line.StartsWith('#'))
            {
                notes[(parts[0].Trim(), parts[1].Trim())] = parts[2].Trim();
            }
        }

        return notes;
    }

    /// <summary>The table as markdown.</summary>
    public static string Markdown(IReadOnlyList<LabRun> runs, IReadOnlyList<(string File, string Reason)> notRunnable, IReadOnlyDictionary<(string Scenario, string Impl), string> notes)
    {
        var sb = new StringBuilder();
        sb.Append("| scenario | implementation | agree | expectations real / sim (replayed) / sim | largest takeover difference | what differs | why |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (LabRun run in runs.OrderBy(r => r.Scenario.Name, StringComparer.Ordinal).ThenBy(r => LabReport.Who(r), StringComparer.Ordinal))
        {
            string impl = string.Join("+", run.Implementations.Values.Distinct().Select(NodeImplementations.Name));
            int realPass = run.Verdicts.Count(v => v.Passed);
            int simPass = run.PredictedVerdicts.Count(v => v.Passed);
            int replayPass = run.ReplayVerdicts.Count(v => v.Passed);
            var differs = new List<string>();
            foreach (SequenceDiff s in run.Diff.Sequences.Where(s => !s.Same))
            {
                differs.Add($"{s.Node}: sim {Seq(s.Sim)}, real {Seq(s.Real)}" + (run.SequencesJudged ? "" : " (random loss: the kernel's draws, not the seed's; sequences not compared)"));
            }

            for (int i = 0; i < run.Verdicts.Length && i < run.ReplayVerdicts.Length; i++)
            {
                if (run.Verdicts[i].Passed != run.ReplayVerdicts[i].Passed && run.Verdicts[i].Passed != run.PredictedVerdicts[i].Passed)
                {
                    differs.Add($"`{run.Verdicts[i].Description}` real {(run.Verdicts[i].Passed ? "PASS" : "FAIL")}: {run.Verdicts[i].Evidence}");
                }
            }

            notes.TryGetValue((run.Scenario.Name, impl), out string? why);
            sb.Append($"| {run.Scenario.Name} | {impl} | {(Agrees(run) ? "yes" : "**no**")} | {realPass}/{run.Verdicts.Length} / {replayPass} / {simPass} | ")
              .Append(run.Diff.LargestDifferenceUs is { } d ? LabReport.Ms(d) : "-").Append(" | ")
              .Append(Cell(differs.Count == 0 ? "-" : string.Join("; ", differs))).Append(" | ")
              .Append(Cell(why ?? (Agrees(run) ? "" : "not explained yet"))).Append(" |\n");
        }

        foreach (IGrouping<string, (string File, string Reason)> g in notRunnable.GroupBy(n => n.File))
        {
            sb.Append($"| {Path.GetFileNameWithoutExtension(g.Key)} | all | not runnable in the lab | - | - | - | {Cell(string.Join("; ", g.Select(x => x.Reason)))} |\n");
        }

        return sb.ToString();
    }

    private static string Seq(IEnumerable<Engine.StateMachine.VrrpState> s) => string.Join(" ", s.Select(Sim.Events.StateRecord.Name));

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
