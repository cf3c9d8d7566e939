using System.Text;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// The simulator's random source: xoshiro256** seeded through SplitMix64. One run has one seed;
/// each component (a segment's loss, its jitter, a client) gets its own stream from the seed and
/// the component's name via a stable hash (FNV-1a; never <c>string.GetHashCode</c>, which changes
/// from process to process), so adding a component never shifts another component's draws.
/// </summary>
public sealed class SimRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A stream seeded with <paramref name="seed"/>.</summary>
    public SimRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The stream of component <paramref name="component"/> in the run seeded with <paramref name="runSeed"/>.</summary>
    public static SimRandom ForComponent(ulong runSeed, string component) => ForComponent(runSeed, [component]);

    /// <summary>
    /// The stream of the component whose name is the concatenation of <paramref name="parts"/> (the same
    /// stream as for the concatenated name, without building it: a run makes several per segment and client).
    /// </summary>
    public static SimRandom ForComponent(ulong runSeed, params ReadOnlySpan<string> parts)
    {
        ulong h = FnvOffset;
        foreach (string part in parts)
        {
            h = Fnv(h, part);
        }

        ulong x = runSeed ^ h;
        return new SimRandom(SplitMix64(ref x));
    }

    /// <summary>FNV-1a 64 of the UTF-8 bytes: the same on every machine and every run.</summary>
    public static ulong StableHash(string s) => Fnv(FnvOffset, s);

    private const ulong FnvOffset = 14695981039346656037UL;

    /// <summary>FNV-1a continued over the UTF-8 bytes of <paramref name="s"/> (so the hash of a concatenation is the hash continued over its parts).</summary>
    private static ulong Fnv(ulong h, string s)
    {
        if (s.Length == 0)
        {
            return h;
        }

        Span<byte> buffer = s.Length <= 128 ? stackalloc byte[s.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(s.Length)];
        int n = Encoding.UTF8.GetBytes(s, buffer);
        foreach (byte b in buffer[..n])
        {
            h ^= b;
            h *= 1099511628211UL;
        }

        return h;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (Lemire's multiply-shift; 0 when bound is 0).</summary>
    public ulong Below(ulong bound) => bound == 0 ? 0 : (ulong)(((UInt128)NextUInt64() * bound) >> 64);

    /// <summary>A uniform integer in [0, <paramref name="max"/>] for a non-negative <paramref name="max"/>.</summary>
    public long UpTo(long max) => max <= 0 ? 0 : (long)Below((ulong)max + 1);

    /// <summary>True with probability <paramref name="partsPerMillion"/> / 1,000,000 (no draw for 0 or 1,000,000).</summary>
    public bool Chance(int partsPerMillion) => partsPerMillion switch
    {
        <= 0 => false,
        >= 1_000_000 => true,
        _ => Below(1_000_000) < (ulong)partsPerMillion,
    };

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
