using VrrpLab.Engine.Time;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Running;

namespace VrrpLab.Cli.Run;

/// <summary>The human form of a run: PASS/FAIL per scenario, a verdict with evidence per expectation.</summary>
internal static class TextReport
{
    public static void Write(RunOutcome outcome, TextWriter w, bool colour)
    {
        string Paint(string text, string code) => colour ? $"\u001b[{code}m{text}\u001b[0m" : text;

        foreach (ScenarioResult r in outcome.Results)
        {
            string head = r.Passed ? Paint("PASS", "32;1") : Paint("FAIL", "31;1");
            w.WriteLine($"{head}  {r.Scenario.Name}  ({r.Scenario.SourcePath}, seed {r.Seed}, {new Duration(r.Simulation.EndUs)} simulated)");
            foreach (Verdict v in r.Verdicts)
            {
                string mark = v.Passed ? Paint("ok  ", "32") : Paint("FAIL", "31;1");
                w.WriteLine($"  {mark}  {v.Description}: {v.Evidence}");
            }

            if (r.Verdicts.IsEmpty)
            {
                w.WriteLine("  (no expectations)");
            }

            if (!r.Passed)
            {
                w.WriteLine("  timeline:");
                foreach (string line in FailureTimeline.Build(r))
                {
                    w.WriteLine("    " + line);
                }

                w.WriteLine($"  seed: {r.Seed}");
                w.WriteLine($"  replay: {ScenarioRunner.ReplayCommand(r)}");
            }
        }

        foreach ((Sim.Scenarios.Scenario s, string message) in outcome.Crashed)
        {
            w.WriteLine($"{Paint("FAIL", "31;1")}  {s.Name}  ({s.SourcePath}): simulation error: {message}");
        }

        int invalidFiles = outcome.Diagnostics.Where(d => d.IsError).Select(d => d.Location.File).Distinct().Count();
        string tail = invalidFiles > 0 ? $", {invalidFiles} invalid file{(invalidFiles == 1 ? "" : "s")}" : "";
        int total = outcome.Results.Count + outcome.Crashed.Count;
        w.WriteLine($"{total} scenario{(total == 1 ? "" : "s")}: {outcome.PassedCount} passed, {outcome.FailedCount} failed{tail}");
    }
}
