using System.Collections.Immutable;
using System.Globalization;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Explore.Running;
using VrrpLab.Sim.Checks.Properties;

namespace VrrpLab.Explore.Reporting;

/// <summary>
/// The text summary: what was explored, each property's verdict with the failing ones first
/// (smallest counterexample first, as a timeline, with its file and replay command), the coverage,
/// and on a last line of its own how long it took (the only line a merge does not reproduce exactly).
/// </summary>
public static class ResultText
{
    /// <summary>Writes the summary; <paramref name="outDir"/> is where the counterexample files are (null: not written).</summary>
    public static void Write(ExploreResult r, TextWriter w, string? outDir)
    {
        w.WriteLine($"vrrplab explore: {r.Nodes.Length} node{(r.Nodes.Length == 1 ? "" : "s")} ({string.Join(", ", r.Nodes)}) from {string.Join(", ", r.Inputs)}");
        string shard = r.Shard.Count > 1 ? $", shard {r.Shard} ({N(r.Shard.RunsOf(r.Runs))} runs)" : "";
        w.WriteLine($"{N(r.Runs)} runs of {Duration.FromMicroseconds(r.DurationUs)} each (seed {r.Seed}){shard}; faults: {(r.Faults.IsEmpty ? "none" : string.Join(", ", r.Faults))}");
        if (r.Interrupted)
        {
            w.WriteLine($"INTERRUPTED after {N(r.Completed)} runs: the verdicts below cover only those");
        }

        w.WriteLine();
        foreach (PropertyOutcome o in r.Outcomes.Where(o => !o.Held).OrderBy(o => o.Counterexample?.Actions ?? int.MaxValue).ThenBy(o => Order(o.Property)))
        {
            w.WriteLine($"FAIL  {o.Property}: failed in {N(o.FailedRuns)} of {N(r.Completed)} runs{(o.Counterexample is { } c0 ? $" (first in run {c0.Run})" : "")}");
            if (ClusterProperty.Find(o.Property) is { } p)
            {
                w.WriteLine($"      {p.Statement}");
            }

            if (o.Counterexample is { } c)
            {
                string path = outDir is null ? c.FileName : Path.Combine(outDir, c.FileName);
                w.WriteLine($"  smallest counterexample: {c.Actions} action{(c.Actions == 1 ? "" : "s")} (shrunk from {c.OriginalActions} in {N(c.ShrinkRuns)} runs), {Duration.FromMicroseconds(c.DurationUs)} simulated{(outDir is null ? "" : ": " + path)}");
                foreach (string line in c.Timeline)
                {
                    w.WriteLine("    " + line);
                }

                w.WriteLine("  violation: " + c.Evidence);
                w.WriteLine($"  replay: vrrplab run {path}");
            }

            w.WriteLine();
        }

        foreach (PropertyOutcome o in r.Outcomes.Where(o => o.Held))
        {
            w.WriteLine($"ok    {o.Property}: held in {N(r.Completed)} runs");
        }

        if (r.Errors > 0 && r.FirstError is { } e)
        {
            w.WriteLine($"ERROR the simulation failed in {N(r.Errors)} runs (first: run {e.Run}: {e.Message}): a bug in VrrpLab, please report it");
        }

        w.WriteLine();
        WriteCoverage(r.Coverage, r.Faults, w);
        int failed = r.Outcomes.Count(o => !o.Held);
        w.WriteLine(failed == 0 && r.Errors == 0
            ? $"all {r.Outcomes.Length} properties held in {N(r.Completed)} runs"
            : $"{failed} of {r.Outcomes.Length} properties failed in {N(r.Completed)} runs");
    }

    /// <summary>The timing line (printed last; differs between a merge and the unsharded run).</summary>
    public static string Timing(ExploreResult r, bool merged) =>
        merged
            ? string.Create(CultureInfo.InvariantCulture,
                $"took {r.WallSeconds:0.00}s in {r.MergedShards} shard{(r.MergedShards == 1 ? "" : "s")} (the slowest {r.SlowestShardSeconds:0.00}s, the wall time with one machine per shard): "
                + $"{(r.WallSeconds > 0 ? r.Completed / r.WallSeconds : 0):#,0} runs/s per machine of up to {r.Threads} thread{(r.Threads == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture,
                $"took {r.WallSeconds:0.00}s: {(r.WallSeconds > 0 ? r.Completed / r.WallSeconds : 0):#,0} runs/s on {r.Threads} thread{(r.Threads == 1 ? "" : "s")}");

    private static void WriteCoverage(Coverage c, ImmutableArray<string> generated, TextWriter w)
    {
        int states = c.States.Length;
        string st = string.Join(", ", Enumerable.Range(0, states).Where(i => c.States[i] > 0).Select(i => $"{ResultJson.StateName((VrrpState)i)} {N(c.States[i])}"));
        string tr = string.Join(", ", Enumerable.Range(0, c.Transitions.Length).Where(i => c.Transitions[i] > 0)
            .Select(i => $"{ResultJson.StateName((VrrpState)(i / states))}->{ResultJson.StateName((VrrpState)(i % states))} {N(c.Transitions[i])}"));
        string fk = string.Join(", ", Enumerable.Range(0, c.Faults.Length).Select(i => $"{Faults.FaultKinds.Name((Faults.FaultKind)i)} {N(c.Faults[i])}"));
        string dr = string.Join(", ", Enumerable.Range(0, c.Drops.Length).Where(i => c.Drops[i] > 0).Select(i => $"{ResultJson.DropName((Engine.Wire.AdvertDropReason)i)} {N(c.Drops[i])}"));
        w.WriteLine("coverage:");
        w.WriteLine("  states entered: " + (st.Length == 0 ? "none" : st));
        w.WriteLine("  transitions:    " + (tr.Length == 0 ? "none" : tr));
        w.WriteLine("  faults applied: " + fk);
        string missing = NotGenerated(generated);
        if (missing.Length > 0)
        {
            w.WriteLine("  faults not generated: " + missing);
        }

        w.WriteLine("  adverts dropped by reason: " + (dr.Length == 0 ? "none" : dr));
        w.WriteLine($"  simulator events: {N(c.Events)}");
    }

    /// <summary>
    /// The kinds no run could draw: left out by <c>--faults</c> (flood by default: a third host's
    /// traffic, opt-in) or not applicable to the cluster (e.g. script without a tracked script).
    /// </summary>
    internal static string NotGenerated(ImmutableArray<string> generated) =>
        string.Join(", ", Faults.FaultKinds.All.Select(Faults.FaultKinds.Name).Where(n => !generated.Contains(n))
            .Select(n => n == "flood"
                ? "flood (opt-in: another host's VRRP traffic, which silences any keepalived MASTER; --faults all or --faults flood)"
                : n + " (not in --faults, or the cluster has nothing it applies to)"));

    private static int Order(string property)
    {
        for (int i = 0; i < ClusterProperty.All.Length; i++)
        {
            if (ClusterProperty.All[i].Name == property)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static string N(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
