using System.Globalization;
using System.Text;
using System.Text.Json;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Lab.Running;

/// <summary>The lab's output: text for people, one JSON document for scripts, JUnit XML for CI.</summary>
public static class LabReport
{
    /// <summary>Milliseconds with one decimal.</summary>
    public static string Ms(long us, bool plus = false) => Judging.Milliseconds(us, plus);

    /// <summary>Seconds as the simulator prints them (e.g. <c>60.804787s</c>).</summary>
    public static string S(long us) => Duration.FormatSeconds(us);

    /// <summary>The implementations in words: <c>keepalived: server1, server2</c>.</summary>
    public static string Who(LabRun run) =>
        string.Join("; ", run.Implementations.GroupBy(kv => kv.Value).Select(g => $"{NodeImplementations.Name(g.Key)}: {string.Join(", ", g.Select(kv => kv.Key))}"));

    /// <summary>Writes one run as text.</summary>
    public static void WriteText(LabRun run, TextWriter w)
    {
        w.WriteLine($"lab {run.Scenario.Name}  [{Who(run)}]  {(run.Passed ? "PASS" : "FAIL")}");
        if (run.VrrplabBinary is { } binary)
        {
            w.WriteLine($"  vrrplab: {binary}");
        }

        w.WriteLine($"  set-up {Ms(run.SetupUs)}, teardown {Ms(run.TeardownUs)}, {run.Scenario.Duration} of real time (run {run.RunId})");
        if (run.Startups.Count > 0)
        {
            w.WriteLine("  start-ups (scheduled start to the daemon's timers; exec lateness; how timed):");
            foreach (MeasuredStartup s in run.Startups)
            {
                w.WriteLine($"    {s.Node}@{S(s.AtUs)} {(s.StartupUs is { } u ? Ms(u) : "no state line")} ({Ms(s.ExecLatenessUs, true)}; {s.Timing})");
            }
        }

        if (run.Actions.Count > 0)
        {
            w.WriteLine("  actions (lateness): " + string.Join("; ", run.Actions.Select(a => $"{S(a.AtUs)} {a.Action.Keyword} {a.Action.Describe()} {Ms(a.LatenessUs, true)}")));
        }

        w.WriteLine($"  expectations on what really happened (timing tolerance ±{Ms(run.ToleranceUs)}), the simulator's verdicts beside:");
        for (int i = 0; i < run.Verdicts.Length; i++)
        {
            Verdict v = run.Verdicts[i];
            Verdict? sim = i < run.PredictedVerdicts.Length ? run.PredictedVerdicts[i] : null;
            Verdict? replayed = i < run.ReplayVerdicts.Length ? run.ReplayVerdicts[i] : null;
            w.WriteLine($"    {(v.Passed ? "PASS" : "FAIL")}  {v.Description}   [sim: {(sim is null ? "-" : sim.Passed ? "PASS" : "FAIL")}; replayed with the real start-ups: {(replayed is null ? "-" : replayed.Passed ? "PASS" : "FAIL")}]");
            w.WriteLine($"          real: {v.Evidence}");
            if (sim is not null)
            {
                w.WriteLine($"          sim:  {sim.Evidence}");
            }
        }

        w.WriteLine("  sim vs real (the simulator replayed with the measured start-ups):");
        foreach (SequenceDiff s in run.Diff.Sequences)
        {
            w.WriteLine($"    {s.Node}/{s.Instance}  {(s.Same ? "same" : run.SequencesJudged ? "DIFFERENT" : "different (random loss: not judged)")}");
            w.WriteLine($"      sim:  {Seq(s.Sim)}");
            if (!s.Plain.SequenceEqual(s.Sim))
            {
                w.WriteLine($"      sim with instant start-ups: {Seq(s.Plain)}");
            }

            w.WriteLine($"      real: {Seq(s.Real)}");
            if (!s.Same)
            {
                int k = s.FirstDifference;
                w.WriteLine($"      diverges at state #{k + 1}: sim {At(run.Replay.History, s, k)}, real {At(run.History, s, k)}");
            }
        }

        foreach (TakeoverDiff t in run.Diff.Takeovers)
        {
            string sim = t.Sim is { } a ? $"{S(a.AtUs)}, {S(a.DelayUs)} after {a.Cause}" : "none";
            string real = t.Real is { } b ? $"{S(b.AtUs)}, {S(b.DelayUs)} after {b.Cause}" : "none";
            string diff = t.DifferenceUs is { } d ? Ms(d, true) : "-";
            w.WriteLine($"    takeover {t.Node}/{t.Instance} #{t.Index + 1}: sim {sim}; real {real}; difference {diff}");
        }

        if (run.Diff.LargestDifferenceUs is { } largest)
        {
            w.WriteLine($"    largest takeover timing difference: {Ms(largest)}");
        }

        if (run.LogMinusWireUs.Count > 0)
        {
            w.WriteLine($"  MASTER entries timed on the wire (first advert); the log line came {string.Join(", ", run.LogMinusWireUs.Select(u => Ms(u, true)))} later");
        }

        foreach (string n in run.Notes)
        {
            w.WriteLine("  note: " + n);
        }

        if (!run.SequencesJudged)
        {
            w.WriteLine("  note: random loss: the kernel draws which packets are dropped, not the simulator's seeded sequence; the state sequences are shown, not judged");
        }

        w.WriteLine(run.Passed
            ? run.SequencesJudged ? "  result: PASS (every expectation holds and every state sequence matches the simulator's)" : "  result: PASS (every expectation holds; random loss: sequences not judged)"
            : $"  result: FAIL ({Failures(run)})");
    }

    private static string Failures(LabRun run)
    {
        var parts = new List<string>();
        int failed = run.Verdicts.Count(v => !v.Passed);
        if (failed > 0)
        {
            parts.Add($"{failed} expectation(s) failed");
        }

        int diff = run.Diff.Sequences.Count(s => !s.Same);
        if (diff > 0 && run.SequencesJudged)
        {
            parts.Add($"{diff} state sequence(s) differ from the simulator's");
        }

        return string.Join("; ", parts);
    }

    private static string Seq(IEnumerable<VrrpState> states) =>
        states.Any() ? string.Join(" ", states.Select(StateRecord.Name)) : "(none)";

    private static string At(SimHistory h, SequenceDiff s, int k)
    {
        var list = h.StatesOf(s.Node, s.Instance).Where(r => r.To != VrrpState.Init).ToList();
        return k < list.Count ? $"{StateRecord.Name(list[k].To)} at {S(list[k].TimeUs)}" : "nothing more";
    }

    /// <summary>Writes every run as one JSON document.</summary>
    public static void WriteJson(IReadOnlyList<LabRun> runs, IReadOnlyList<(string File, string Reason)> notRunnable, Stream output)
    {
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteBoolean("passed", runs.All(r => r.Passed) && notRunnable.Count == 0);
        j.WriteObjectArray("not_runnable", notRunnable, (j, n) =>
        {
            j.WriteString("file", n.File);
            j.WriteString("reason", n.Reason);
        });
        j.WriteObjectArray("runs", runs, (j, run) =>
        {
            j.WriteString("scenario", run.Scenario.Name);
            j.WriteString("run_id", run.RunId);
            j.WriteBoolean("passed", run.Passed);
            j.WriteObject("implementations", j =>
            {
                foreach (var kv in run.Implementations)
                {
                    j.WriteString(kv.Key, NodeImplementations.Name(kv.Value));
                }
            });
            j.WriteNumber("tolerance_us", run.ToleranceUs);
            if (run.VrrplabBinary is { } binary)
            {
                j.WriteString("vrrplab_binary", binary);
            }

            j.WriteNumber("setup_us", run.SetupUs);
            j.WriteNumber("teardown_us", run.TeardownUs);
            j.WriteObjectArray("startups", run.Startups, (j, s) =>
            {
                j.WriteString("node", s.Node);
                j.WriteNumber("at_us", s.AtUs);
                j.WriteNumber("exec_lateness_us", s.ExecLatenessUs);
                j.WriteNumberOrNull("startup_us", s.StartupUs);

                j.WriteString("startup_timing", s.Timing);
            });
            j.WriteObjectArray("actions", run.Actions, (j, a) =>
            {
                j.WriteNumber("at_us", a.AtUs);
                j.WriteString("action", a.Action.Keyword);
                j.WriteString("detail", a.Action.Describe());
                j.WriteNumber("lateness_us", a.LatenessUs);
            });
            j.WriteObjectArray("expectations", run.Verdicts.Select((v, i) => (Verdict: v, Predicted: i < run.PredictedVerdicts.Length ? run.PredictedVerdicts[i] : null)), (j, e) =>
            {
                j.WriteString("expectation", e.Verdict.Description);
                j.WriteBoolean("passed", e.Verdict.Passed);
                j.WriteString("evidence", e.Verdict.Evidence);
                if (e.Predicted is { } predicted)
                {
                    j.WriteBoolean("sim_passed", predicted.Passed);
                    j.WriteString("sim_evidence", predicted.Evidence);
                }
            });
            j.WriteBoolean("sequences_judged", run.SequencesJudged);
            j.WriteObjectArray("sequences", run.Diff.Sequences, (j, s) =>
            {
                j.WriteString("node", s.Node);
                j.WriteString("instance", s.Instance);
                j.WriteBoolean("same", s.Same);
                j.WriteString("sim", Seq(s.Sim));
                j.WriteString("real", Seq(s.Real));
            });
            j.WriteObjectArray("takeovers", run.Diff.Takeovers, (j, t) =>
            {
                j.WriteString("node", t.Node);
                j.WriteString("instance", t.Instance);
                j.WriteNumber("index", t.Index + 1);
                WriteTakeover(j, "sim", t.Sim);
                WriteTakeover(j, "real", t.Real);
                if (t.DifferenceUs is { } d)
                {
                    j.WriteNumber("difference_us", d);
                }
            });
            j.WriteNumberArray("log_minus_wire_us", run.LogMinusWireUs);
            j.WriteStringArray("notes", run.Notes);
        });
        j.WriteEndObject();
    }

    private static void WriteTakeover(Utf8JsonWriter j, string name, Takeover? t)
    {
        if (t is null)
        {
            j.WriteNull(name);
            return;
        }

        j.WriteObject(name, j =>
        {
            j.WriteNumber("at_us", t.AtUs);
            j.WriteNumber("delay_us", t.DelayUs);
            j.WriteString("cause", t.Cause);
        });
    }

    /// <summary>JUnit XML: one suite per run, one case per expectation and one for the sim-vs-real sequences.</summary>
    public static string JUnit(IReadOnlyList<LabRun> runs, IReadOnlyList<(string File, string Reason)> notRunnable)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites name=\"vrrplab lab\">\n");
        foreach (LabRun run in runs)
        {
            bool seqOk = run.Diff.SequencesMatch || !run.SequencesJudged;
            int failures = run.Verdicts.Count(v => !v.Passed) + (seqOk ? 0 : 1);
            sb.Append(CultureInfo.InvariantCulture, $"  <testsuite name=\"{X("lab " + run.Scenario.Name + " [" + Who(run) + "]")}\" tests=\"{run.Verdicts.Length + 1}\" failures=\"{failures}\">\n");
            foreach (Verdict v in run.Verdicts)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    <testcase classname=\"{X(run.Scenario.Name)}\" name=\"{X(v.Description)}\">");
                sb.Append(v.Passed ? $"<system-out>{X(v.Evidence)}</system-out>" : $"<failure message=\"{X(v.Evidence)}\"/>");
                sb.Append("</testcase>\n");
            }

            string seq = string.Join("; ", run.Diff.Sequences.Select(s => $"{s.Node}/{s.Instance}: sim {Seq(s.Sim)} | real {Seq(s.Real)}"));
            sb.Append(CultureInfo.InvariantCulture, $"    <testcase classname=\"{X(run.Scenario.Name)}\" name=\"state sequences match the simulator's\">");
            sb.Append(seqOk ? $"<system-out>{X(seq)}</system-out>" : $"<failure message=\"{X(seq)}\"/>");
            sb.Append("</testcase>\n  </testsuite>\n");
        }

        foreach ((string file, string reason) in notRunnable)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  <testsuite name=\"{X("lab " + file)}\" tests=\"1\" errors=\"1\">\n    <testcase classname=\"{X(file)}\" name=\"runnable in the lab\"><error message=\"{X(reason)}\"/></testcase>\n  </testsuite>\n");
        }

        sb.Append("</testsuites>\n");
        return sb.ToString();
    }

    private static string X(string s) => System.Security.SecurityElement.Escape(s) ?? "";
}
