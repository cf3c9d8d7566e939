namespace VrrpLab.Sim.Tests.Properties;

/// <summary>
/// The invariants every generated run must satisfy (issue 4, "Property-based checks"). Each returns
/// null when it holds, else a sentence that names the nodes and times.
/// </summary>
public static class FaultInvariants
{
    /// <summary>
    /// At most one MASTER among nodes that can reach each other, beyond a grace of one advert
    /// interval plus the latency (two MASTERs that meet resolve at the next advert, RFC 3768 6.4.3).
    /// "Can reach" means no crash, stop, pause, partition or loss burst separates them.
    /// </summary>
    public static Violation? AtMostOneMasterAmongReachableNodes(FaultCase c, RunHistory h)
    {
        long grace = c.IntervalUs + FaultCase.LatencyUs;
        for (int i = 0; i < c.Nodes.Length; i++)
        {
            for (int j = i + 1; j < c.Nodes.Length; j++)
            {
                string a = c.Nodes[i].Name, b = c.Nodes[j].Name;
                var both = Intersect(h.MasterIntervals(a), h.MasterIntervals(b));
                foreach (var (start, end) in Subtract(both, c.SeparatedIntervals(a, b)))
                {
                    if (end - start > grace)
                    {
                        return new Violation(
                            $"{a} and {b} were both MASTER and able to reach each other from {Us(start)} to {Us(end)} " +
                            $"({Us(end - start)} > grace {Us(grace)})",
                            ["always: single_master"]);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// After the last fault heals (every node running, nothing separating them), exactly one MASTER
    /// within one MDI plus latency, and it is keepalived's choice: the highest (priority, primary IP)
    /// of the nodes that were MASTER after the heal (a MASTER yields only to a higher one; nopreempt
    /// plays no part in MASTER), with no preempting node of higher priority left as BACKUP.
    /// </summary>
    public static Violation? SettlesOnKeepalivedsChoice(FaultCase c, RunHistory h)
    {
        long heal = c.LastHealUs;
        long settled = heal + c.MaxMasterDownUs + FaultCase.LatencyUs;
        List<string> masters = h.MastersAt(settled);
        string expected = KeepalivedsChoice(c, h).Name;
        string[] expect = [$"{{ at: {settled}us, master: {expected} }}", $"final: {{ master: {expected} }}"];
        if (masters.Count != 1)
        {
            return new Violation($"{masters.Count} MASTERs ({string.Join(", ", masters)}) at {Us(settled)}, one MDI plus latency after the last heal at {Us(heal)}", expect);
        }

        StateChange? late = h.States.FirstOrDefault(s => s.Us > settled && (s.To == VrrpState.Master || s.From == VrrpState.Master));
        if (late is not null)
        {
            return new Violation($"{late.Node} went {late.From} -> {late.To} at {Us(late.Us)}, after the cluster should have settled ({Us(settled)})", expect);
        }

        ClusterNode final = c.Node(masters[0]);
        var everMaster = c.Nodes.Where(n => h.MasterIntervals(n.Name).Any(iv => iv.End > heal)).ToList();
        ClusterNode best = everMaster.OrderByDescending(n => n.Priority).ThenByDescending(n => n.AddressOctet).First();
        if (best != final)
        {
            return new Violation(
                $"{final.Name} (priority {final.Priority}) ended MASTER, but {best.Name} (priority {best.Priority}, " +
                $"{best.Address}) was MASTER after the heal at {Us(heal)} and outranks it",
                expect);
        }

        ClusterNode? preemptor = c.Nodes.FirstOrDefault(n => !n.Nopreempt && n.Priority > final.Priority);
        if (preemptor is not null)
        {
            return new Violation(
                $"{final.Name} (priority {final.Priority}) ended MASTER although {preemptor.Name} (priority " +
                $"{preemptor.Priority}, preemptive) was running and should have preempted it",
                expect);
        }

        return null;
    }

    /// <summary>
    /// A nopreempt BACKUP that keeps hearing valid adverts never takes over: whenever one becomes
    /// MASTER, its last accepted advert (or its entry into BACKUP) is at least one MDI earlier
    /// (only Skew_Time after a priority-0 advert).
    /// </summary>
    public static Violation? NopreemptBackupNeverTakesOverFromALiveMaster(FaultCase c, RunHistory h)
    {
        foreach (ClusterNode n in c.Nodes.Where(n => n.Nopreempt))
        {
            long mdi = c.MasterDownUs(n);
            long skew = VrrpTiming.SkewUs(c.Version, n.Priority, c.IntervalUs);
            long? reset = null;
            long wait = mdi;
            int r = 0;
            var receptions = h.Receptions.Where(x => x.Node == n.Name).ToList();
            foreach (StateChange s in h.States.Where(s => s.Node == n.Name))
            {
                for (; r < receptions.Count && receptions[r].Us < s.Us; r++)
                {
                    if (reset is not null && receptions[r].Accepted)
                    {
                        reset = receptions[r].Us;
                        wait = receptions[r].Priority == 0 ? skew : mdi;
                    }
                }

                if (s.From == VrrpState.Backup && s.To == VrrpState.Master && reset is { } t0 && s.Us < t0 + wait)
                {
                    return new Violation(
                        $"nopreempt {n.Name} became MASTER at {Us(s.Us)} although it accepted a valid advert at {Us(t0)}: " +
                        $"its down timer ({Us(wait)}) could not have run out before {Us(t0 + wait)}",
                        [$"never: {{ master: {n.Name}, after: {t0}us, before: {t0 + wait - 1}us }}"]);
                }

                if (s.To == VrrpState.Backup)
                {
                    reset = s.Us;
                    wait = mdi;
                }
                else
                {
                    reset = null;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The node keepalived's rules leave MASTER after the last heal: the highest (priority, IP) of the
    /// nodes that were MASTER after it, unless a preemptive node outranks it (then the highest of those).
    /// </summary>
    public static ClusterNode KeepalivedsChoice(FaultCase c, RunHistory h)
    {
        long heal = c.LastHealUs;
        var everMaster = c.Nodes.Where(n => h.MasterIntervals(n.Name).Any(iv => iv.End > heal)).ToList();
        ClusterNode? best = everMaster.OrderByDescending(n => n.Priority).ThenByDescending(n => n.AddressOctet).FirstOrDefault();
        var preemptors = c.Nodes.Where(n => !n.Nopreempt && (best is null || n.Priority > best.Priority)).ToList();
        return preemptors.Count > 0
            ? preemptors.OrderByDescending(n => n.Priority).ThenByDescending(n => n.AddressOctet).First()
            : best ?? c.Nodes.OrderByDescending(n => n.Priority).ThenByDescending(n => n.AddressOctet).First();
    }

    private static string Us(long us) => VrrpLab.Engine.Time.Duration.FormatSeconds(us);

    /// <summary>Pairwise intersection of two sorted lists of disjoint intervals.</summary>
    public static List<(long Start, long End)> Intersect(List<(long Start, long End)> x, List<(long Start, long End)> y)
    {
        var result = new List<(long Start, long End)>();
        int i = 0, j = 0;
        while (i < x.Count && j < y.Count)
        {
            long s = Math.Max(x[i].Start, y[j].Start), e = Math.Min(x[i].End, y[j].End);
            if (s < e)
            {
                result.Add((s, e));
            }

            if (x[i].End < y[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }

    /// <summary><paramref name="x"/> minus the sorted, merged intervals <paramref name="holes"/>.</summary>
    public static List<(long Start, long End)> Subtract(List<(long Start, long End)> x, List<(long Start, long End)> holes)
    {
        var result = new List<(long Start, long End)>();
        foreach (var (start, end) in x)
        {
            long s = start;
            foreach (var (hs, he) in holes)
            {
                if (he <= s || hs >= end)
                {
                    continue;
                }

                if (hs > s)
                {
                    result.Add((s, hs));
                }

                s = Math.Max(s, he);
            }

            if (s < end)
            {
                result.Add((s, end));
            }
        }

        return result;
    }
}
