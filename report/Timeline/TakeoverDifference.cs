namespace VrrpLab.Report.Timeline;

/// <summary>
/// The n-th entry into MASTER of one instance in a later run beside the same entry in the figure's
/// first run (the reference, e.g. the simulated one): what the lab's sim-vs-real diff is about.
/// </summary>
/// <param name="Node">Node.</param>
/// <param name="Instance">Instance.</param>
/// <param name="Run">Index of the later run.</param>
/// <param name="Ordinal">1 for the first MASTER entry, 2 for the second, ...</param>
/// <param name="ReferenceUs">The entry in the first run, or null if that run has fewer.</param>
/// <param name="ActualUs">The entry in the later run, or null if it has fewer.</param>
internal sealed record TakeoverDifference(string Node, string Instance, int Run, int Ordinal, long? ReferenceUs, long? ActualUs)
{
    /// <summary>Later minus reference, when both exist.</summary>
    public long? DeltaUs => ReferenceUs is { } r && ActualUs is { } a ? a - r : null;

    /// <summary>Pairs the MASTER entries of <paramref name="later"/> with those of <paramref name="reference"/> in order.</summary>
    public static IEnumerable<TakeoverDifference> Between(StateLane reference, StateLane later)
    {
        long[] a = [.. reference.MasterEntries];
        long[] b = [.. later.MasterEntries];
        for (int k = 0; k < Math.Max(a.Length, b.Length); k++)
        {
            yield return new TakeoverDifference(later.Node, later.Instance, later.Run, k + 1,
                k < a.Length ? a[k] : null, k < b.Length ? b[k] : null);
        }
    }
}
