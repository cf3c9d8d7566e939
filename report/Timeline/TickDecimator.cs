namespace VrrpLab.Report.Timeline;

/// <summary>
/// Turns a lane's advertisements into few <see cref="TickRun"/>s: first losslessly (consecutive adverts
/// of one priority at one exact interval become one run, which is how a steady MASTER advertises in the
/// simulator), then, only if a lane still has more than its budget, by merging neighbouring runs of one
/// priority into bands, closest first. Priority-0 adverts are never merged into a band.
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

    private static List<TickRun> Merge(List<TickRun> runs, int budget)
    {
        long span = Math.Max(1, runs[^1].EndUs - runs[0].StartUs);
        long threshold = Math.Max(1, span / Math.Max(1, budget * 4));
        List<TickRun> current = runs;
        while (current.Count > budget)
        {
            var merged = new List<TickRun>(current.Count);
            foreach (TickRun r in current)
            {
                if (merged.Count > 0
                    && merged[^1] is { Priority: > 0 } prev
                    && r.Priority == prev.Priority
                    && r.StartUs - prev.EndUs <= threshold)
                {
                    merged[^1] = new TickRun(prev.StartUs, r.EndUs, prev.Count + r.Count, prev.Priority, Exact: false);
                }
                else
                {
                    merged.Add(r);
                }
            }

            if (merged.Count == current.Count && threshold >= span)
            {
                return merged;
            }

            current = merged;
            threshold *= 2;
        }

        return current;
    }

    /// <summary>Drops of one reason close together merged into bands until at most about <paramref name="budget"/> remain.</summary>
    public static List<DropMark> Compress(List<DropMark> drops, int budget)
    {
        if (drops.Count <= budget)
        {
            return drops;
        }

        long span = Math.Max(1, drops[^1].EndUs - drops[0].StartUs);
        long threshold = Math.Max(1, span / Math.Max(1, budget * 4));
        List<DropMark> current = drops;
        while (current.Count > budget)
        {
            var merged = new List<DropMark>(current.Count);
            foreach (DropMark d in current)
            {
                if (merged.Count > 0 && merged[^1] is { } prev && prev.Reason == d.Reason && d.StartUs - prev.EndUs <= threshold)
                {
                    merged[^1] = new DropMark(prev.StartUs, d.EndUs, prev.Count + d.Count, prev.Reason, prev.Source == d.Source ? prev.Source : null);
                }
                else
                {
                    merged.Add(d);
                }
            }

            if (merged.Count == current.Count && threshold >= span)
            {
                return merged;
            }

            current = merged;
            threshold *= 2;
        }

        return current;
    }
}
