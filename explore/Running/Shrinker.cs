using VrrpLab.Explore.Faults;
using VrrpLab.Explore.Generation;
using VrrpLab.Sim.Checks;

namespace VrrpLab.Explore.Running;

/// <summary>
/// Shrinks a failing schedule for one property, greedily and deterministically: take the first
/// smaller candidate (<see cref="ScheduleGen.Shrink"/>, also the shrinker of the tests' FsCheck
/// <c>Arbitrary</c>) that still fails the same property, until none does or
/// the budget is spent; then the shortest run length that still fails.
/// </summary>
public static class Shrinker
{
    /// <summary>The shrunk schedule, its run length, its failing verdict and the runs spent.</summary>
    public static (Schedule Schedule, long DurationUs, Verdict Verdict, int Runs) Shrink(
        TrialRunner runner, ExploreCluster cluster, Schedule failing, int property, int budget, CancellationToken cancel)
    {
        Schedule current = failing;
        Verdict verdict = runner.Check(current, property);
        int runs = 1;
        bool improved = !verdict.Passed;
        while (improved && runs < budget && !cancel.IsCancellationRequested)
        {
            improved = false;
            foreach (Schedule candidate in ScheduleGen.Shrink(current))
            {
                if (runs >= budget || cancel.IsCancellationRequested)
                {
                    break;
                }

                runs++;
                Verdict v = runner.Check(candidate, property);
                if (!v.Passed)
                {
                    current = candidate;
                    verdict = v;
                    improved = true;
                    break;
                }
            }
        }

        // The shortest run that still shows it: the violation and the last action, then time to settle.
        long duration = runner.DurationUs;
        long focus = Math.Max(verdict.FocusUs ?? 0, current.LastActionUs);
        long shorter = (focus + cluster.SettleUs + cluster.MasterDownUs + 999_999) / 1_000_000 * 1_000_000;
        if (shorter < duration && !verdict.Passed)
        {
            runs++;
            Verdict v = runner.Check(current, property, shorter);
            if (!v.Passed)
            {
                duration = shorter;
                verdict = v;
            }
        }

        return (current, duration, verdict, runs);
    }
}
