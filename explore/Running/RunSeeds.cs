namespace VrrpLab.Explore.Running;

/// <summary>
/// The seed of run <c>i</c> of an exploration with seed <c>S</c>: SplitMix64 of S mixed with
/// SplitMix64 of i. A pure function, so run i is the same schedule whichever machine, shard or
/// thread runs it.
/// </summary>
public static class RunSeeds
{
    /// <summary>The seed of run <paramref name="index"/>.</summary>
    public static ulong For(ulong seed, long index) => Mix(seed ^ Mix((ulong)index + 0x9E3779B97F4A7C15UL));

    /// <summary>SplitMix64's finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
