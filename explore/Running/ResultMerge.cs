using System.Collections.Immutable;

namespace VrrpLab.Explore.Running;

/// <summary>
/// Combines the results of shards 0/N..N-1/N into the result of the whole exploration: counts
/// add up, each property's counterexample is the one of its lowest failing run (shrinking is
/// deterministic, so it is the one the unsharded run would have found), coverage adds up.
/// </summary>
public static class ResultMerge
{
    /// <summary>Merges; throws <see cref="MergeException"/> when the shards do not make one exploration.</summary>
    public static ExploreResult Merge(IReadOnlyList<ExploreResult> shards)
    {
        if (shards.Count == 0)
        {
            throw new MergeException("no shard results to merge");
        }

        ExploreResult first = shards[0];
        int n = first.Shard.Count;
        var seen = new bool[n];
        foreach (ExploreResult s in shards)
        {
            string? why = s.Fingerprint != first.Fingerprint ? "explored another cluster"
                : s.Seed != first.Seed ? $"used seed {s.Seed}, not {first.Seed}"
                : s.Runs != first.Runs ? $"has {s.Runs} runs, not {first.Runs}"
                : s.DurationUs != first.DurationUs ? "has another --duration"
                : !s.Faults.SequenceEqual(first.Faults) ? "has another --faults"
                : !s.Outcomes.Select(o => o.Property).SequenceEqual(first.Outcomes.Select(o => o.Property)) ? "checked other properties"
                : s.Shard.Count != n ? $"is shard {s.Shard} of another split"
                : seen[s.Shard.Index] ? $"repeats shard {s.Shard}"
                : null;
            if (why is not null)
            {
                throw new MergeException($"shard {s.Shard} {why} (first result: shard {first.Shard}, seed {first.Seed}, {first.Runs} runs)");
            }

            seen[s.Shard.Index] = true;
        }

        int[] missing = [.. Enumerable.Range(0, n).Where(i => !seen[i])];
        if (missing.Length > 0)
        {
            throw new MergeException($"missing shard{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing.Select(i => $"{i}/{n}"))} of {n}");
        }

        var coverage = new Coverage();
        long errors = 0;
        (long Run, string Message)? firstError = null;
        foreach (ExploreResult s in shards)
        {
            coverage.Add(s.Coverage);
            errors += s.Errors;
            if (s.FirstError is { } e && (firstError is null || e.Run < firstError.Value.Run))
            {
                firstError = e;
            }
        }

        var outcomes = ImmutableArray.CreateBuilder<PropertyOutcome>(first.Outcomes.Length);
        for (int p = 0; p < first.Outcomes.Length; p++)
        {
            long failed = 0;
            Counterexample? best = null;
            foreach (ExploreResult s in shards)
            {
                PropertyOutcome o = s.Outcomes[p];
                failed += o.FailedRuns;
                if (o.Counterexample is { } c && (best is null || c.Run < best.Run))
                {
                    best = c;
                }
            }

            outcomes.Add(new PropertyOutcome(first.Outcomes[p].Property, failed, best));
        }

        return first with
        {
            Shard = ShardSpec.Whole,
            Completed = shards.Sum(s => s.Completed),
            Interrupted = shards.Any(s => s.Interrupted),
            Outcomes = outcomes.MoveToImmutable(),
            Errors = errors,
            FirstError = firstError,
            Coverage = coverage,
            WallSeconds = shards.Sum(s => s.WallSeconds),
            Threads = shards.Max(s => s.Threads),
            MergedShards = shards.Count,
            SlowestShardSeconds = shards.Max(s => s.WallSeconds),
        };
    }
}
