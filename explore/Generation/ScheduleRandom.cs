namespace VrrpLab.Explore.Generation;

/// <summary>
/// The random source one schedule is drawn from: SplitMix64 seeded with the run's seed. Small,
/// allocation-free and exact (integer draws by rejection, no modulo bias), so a schedule is a pure
/// function of its seed on every machine.
/// </summary>
internal struct ScheduleRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>] (max below min counts as min).</summary>
    public long Choose(long min, long max)
    {
        if (max <= min)
        {
            return min;
        }

        ulong range = (ulong)(max - min) + 1;
        ulong limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong x;
        do
        {
            x = Next();
        }
        while (x >= limit);
        return min + (long)(x % range);
    }

    /// <summary>One of <paramref name="items"/>, uniformly.</summary>
    public T Element<T>(IReadOnlyList<T> items) => items[(int)Choose(0, items.Count - 1)];

    /// <summary>True with odds <paramref name="weight"/> in <paramref name="total"/>.</summary>
    public bool Odds(int weight, int total) => Choose(1, total) <= weight;
}
