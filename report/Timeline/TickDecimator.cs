namespace VrrpLab.Report.Timeline;

/// <summary>
/// Turns a lane's advertisements into few <see cref="TickRun"/>s: first losslessly (consecutive adverts
/// of one priority at one exact interval become one run, which is how a steady MASTER advertises in the
/// simulator), then, only if a lane still has more than its budget, by merging the runs of one priority
/// that start in one time bucket (the lane's span divided by the budget) into a band. Priority-0
/// adverts are never merged into a band.
/// </summary>
internal static class TickDecimator
{
    /// <summary>Runs for <paramref name="adverts"/> (time order), at most about <paramref name="budget"/> of them.</summary>
    public static List<TickRun> Compress(IReadOnlyList<(long T, int Priority)> adverts, int budget)
    {
        var runs = new List<TickRun>();
        int i = 0;
        while (i < adverts.Count)
        {
            (long start, int prio) = adverts[i];
            int count = 1;
            long last = start;
            long gap = -1;
            int j = i + 1;
            while (j < adverts.Count && adverts[j].Priority == prio)
            {
                long g = adverts[j].T - last;
                if (g <= 0 || (gap >= 0 && g != gap))
                {
                    break;
                }

                gap = g;
                last = adverts[j].T;
                count++;
                j++;
            }

            runs.Add(new TickRun(start, last, count, prio, Exact: true));
            i = j;
        }

        return runs.Count <= budget ? runs : Merge(runs, budget);
    }

    /// <summary>
    /// Time buckets of span / budget: the runs of one non-zero priority that start in one bucket
    /// become one band (count and extent kept), so the density of adverts stays visible.
    /// </summary>
    private static List<TickRun> Merge(List<TickRun> runs, int budget)
    {
        long origin = runs[0].StartUs;
        long width = Math.Max(1, ((runs[^1].EndUs - origin) / Math.Max(1, budget)) + 1);
        var merged = new List<TickRun>(budget * 2);
        foreach (TickRun r in runs)
        {
            if (merged.Count > 0
                && merged[^1] is { Priority: > 0 } prev
                && r.Priority == prev.Priority
                && (r.StartUs - origin) / width == (prev.StartUs - origin) / width)
            {
                merged[^1] = new TickRun(prev.StartUs, Math.Max(prev.EndUs, r.EndUs), prev.Count + r.Count, prev.Priority, Exact: false);
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>Drops of one reason starting in one time bucket (span / budget) merged into bands when there are more than <paramref name="budget"/>.</summary>
    public static List<DropMark> Compress(List<DropMark> drops, int budget)
    {
        if (drops.Count <= budget)
        {
            return drops;
        }

        long origin = drops[0].StartUs;
        long width = Math.Max(1, ((drops[^1].EndUs - origin) / Math.Max(1, budget)) + 1);
        var merged = new List<DropMark>(budget * 2);
        foreach (DropMark d in drops)
        {
            if (merged.Count > 0 && merged[^1] is { } prev && prev.Reason == d.Reason && (d.StartUs - origin) / width == (prev.StartUs - origin) / width)
            {
                merged[^1] = new DropMark(prev.StartUs, Math.Max(prev.EndUs, d.EndUs), prev.Count + d.Count, prev.Reason, prev.Source == d.Source ? prev.Source : null);
            }
            else
            {
                merged.Add(d);
            }
        }

        return merged;
    }
}
