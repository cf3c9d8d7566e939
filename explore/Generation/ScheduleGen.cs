using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using VrrpLab.Engine.Time;
using VrrpLab.Explore.Faults;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Generation;

/// <summary>
/// FsCheck generation and shrinking of fault schedules for one cluster. A schedule is: a start
/// offset per node (half of the schedules start every node at 0s), then faults placed one after
/// another with a quiet period before each (mostly one to four Master_Down_Intervals, sometimes
/// shorter so faults overlap), each lasting a length fitting its kind, no two on one resource at
/// once, all over before the run's last settling time. Times are whole milliseconds.
/// Only FsCheck's combinators are used (no reflection-based Arb lookup).
/// </summary>
public sealed class ScheduleGen
{
    /// <summary>The size FsCheck generates with (sizes play no part in these generators).</summary>
    public const int Size = 100;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private readonly ExploreCluster _cluster;
    private readonly long _durationMs;
    private readonly long _mdiMs;
    private readonly long _intervalMs;
    private readonly long _settleMs;
    private readonly FaultKind[] _kinds;

    /// <summary>Prepares the generator for <paramref name="cluster"/>.</summary>
    public ScheduleGen(ExploreCluster cluster, ExploreSettings settings)
    {
        _cluster = cluster;
        _durationMs = settings.DurationUs / 1000;
        _mdiMs = Math.Max(1, cluster.MasterDownUs / 1000);
        _intervalMs = Math.Max(1, cluster.AdvertIntervalUs / 1000);
        _settleMs = (cluster.SettleUs / 1000) + _mdiMs;
        _kinds = [.. settings.Kinds.Where(Applies)];
        Generator = Schedules();
        Arbitrary = Arb.From(Generator, Shrink);
    }

    /// <summary>The kinds that apply to this cluster (e.g. no <c>script</c> without tracked scripts).</summary>
    public IReadOnlyList<FaultKind> Kinds => _kinds;

    /// <summary>The FsCheck generator.</summary>
    public Gen<Schedule> Generator { get; }

    /// <summary>Generator and shrinker together.</summary>
    public Arbitrary<Schedule> Arbitrary { get; }

    /// <summary>The schedule of seed <paramref name="seed"/>: a pure function of the seed.</summary>
    public Schedule Generate(ulong seed) => Generator.Sample(Size, new Rnd(seed, Gamma), 1)[0];

    private bool Applies(FaultKind k) => k switch
    {
        FaultKind.Script => !_cluster.Scripts.IsEmpty,
        FaultKind.Link => !_cluster.Links.IsEmpty,
        FaultKind.Partition => _cluster.NodeNames.Length >= 2,
        FaultKind.Loss or FaultKind.Latency => !_cluster.Segments.IsEmpty,
        _ => !_cluster.NodeNames.IsEmpty,
    };

    private Gen<Schedule> Schedules()
    {
        int nodes = _cluster.NodeNames.Length;
        int maxFaults = _kinds.Length == 0 ? 0 : (int)Math.Clamp(_durationMs / (4 * _mdiMs), 1, 12);
        Gen<long[]> offsets = Gen.Frequency(
            (1, Gen.Constant(new long[nodes])),
            (1, Gen.ArrayOf(Gen.Choose(0, (int)Math.Min(int.MaxValue, 2 * _mdiMs)).Select(x => (long)x), nodes)));
        Gen<RawFault> raw = RawFaults();
        return from starts in offsets
               from count in Gen.Choose(0, maxFaults)
               from faults in Gen.ArrayOf(raw, count)
               from seed in Gen.Choose(1, int.MaxValue)
               select new Schedule([.. starts.Select(s => s * 1000)], Place(starts, faults), (ulong)seed);
    }

    /// <summary>A fault before placement: the quiet period before it, and the fault given its start (ms).</summary>
    private sealed record RawFault(long GapMs, Func<long, Fault> Make);

    private static Gen<long> Ms(long min, long max) =>
        Gen.Choose((int)Math.Min(min, int.MaxValue), (int)Math.Min(Math.Max(min, max), int.MaxValue)).Select(x => (long)x);

    private static long Us(long ms) => ms * 1000;

    private Gen<RawFault> RawFaults()
    {
        Gen<long> gap = Gen.Frequency((3, Ms(_mdiMs, 4 * _mdiMs)), (1, Ms(0, _mdiMs)));
        var kinds = _kinds.Select(KindGen).ToArray();
        Gen<Func<long, Fault>> kind = kinds.Length == 0 ? Gen.Constant<Func<long, Fault>>(at => new PauseFault(Us(at), 0, "")) : Gen.OneOf(kinds);
        return from g in gap
               from k in kind
               select new RawFault(g, k);
    }

    private Gen<Func<long, Fault>> KindGen(FaultKind kind)
    {
        Gen<string> node = Gen.Elements(_cluster.NodeNames.ToArray());
        Gen<long> down = Gen.Frequency((2, Ms(100, _mdiMs)), (2, Ms(_mdiMs, 6 * _mdiMs)));
        switch (kind)
        {
            case FaultKind.Crash:
                return from n in node from len in down select (Func<long, Fault>)(at => new CrashFault(Us(at), Us(len), n));
            case FaultKind.Stop:
                return from n in node from len in down select (Func<long, Fault>)(at => new StopFault(Us(at), Us(len), n));
            case FaultKind.Kill:
                return from n in node from len in down select (Func<long, Fault>)(at => new KillFault(Us(at), Us(len), n));
            case FaultKind.Restart:
                return from n in node from len in Ms(1, 3000) select (Func<long, Fault>)(at => new RestartFault(Us(at), Us(len), n));
            case FaultKind.Pause:
                return from n in node
                       from len in Gen.Frequency((1, Ms(50, _intervalMs)), (1, Ms(_intervalMs, 2 * _mdiMs)))
                       select (Func<long, Fault>)(at => new PauseFault(Us(at), Us(len), n));
            case FaultKind.Script:
                return from s in Gen.Elements(_cluster.Scripts.ToArray())
                       from len in Ms(500, 6 * _mdiMs)
                       select (Func<long, Fault>)(at => new ScriptFault(Us(at), Us(len), s.Node, s.Script));
            case FaultKind.Link:
                return from l in Gen.Elements(_cluster.Links.ToArray())
                       from len in Ms(50, 6 * _mdiMs)
                       select (Func<long, Fault>)(at => new LinkFault(Us(at), Us(len), l.Node, l.Interface));
            case FaultKind.Partition:
            {
                int n = _cluster.NodeNames.Length;
                ImmutableArray<string> names = _cluster.NodeNames;
                return from mask in Gen.Choose(1, (1 << Math.Min(n, 16)) - 2)
                       from len in Ms(50, 6 * _mdiMs)
                       select (Func<long, Fault>)(at => new PartitionFault(Us(at), Us(len),
                           [[.. names.Where((_, i) => i >= 16 || (mask & (1 << i)) == 0)], [.. names.Where((_, i) => i < 16 && (mask & (1 << i)) != 0)]]));
            }

            case FaultKind.Loss:
                return from seg in Gen.Elements(_cluster.Segments.ToArray())
                       from rate in Gen.Elements(50_000, 200_000, 500_000, 1_000_000)
                       from len in Ms(1000, 6 * _mdiMs)
                       select (Func<long, Fault>)(at => new LossFault(Us(at), Us(len), seg.Name, new Rate(rate), seg.Loss));
            case FaultKind.Latency:
            {
                // At most a quarter of the advert interval (and 250 ms): slower links, not broken ones.
                long maxMs = Math.Clamp(_intervalMs / 4, 1, 250);
                return from seg in Gen.Elements(_cluster.Segments.ToArray())
                       from lat in Ms(1, maxMs)
                       from jitter in Ms(0, lat / 2)
                       from len in Ms(1000, 6 * _mdiMs)
                       select (Func<long, Fault>)(at => new LatencyFault(Us(at), Us(len), seg.Name, Duration.FromMilliseconds(lat), Duration.FromMilliseconds(jitter), seg.Latency, seg.Jitter));
            }

            case FaultKind.Drift:
                // Up to 10% fast or slow: far beyond a real clock, well inside what VRRP's timers absorb.
                return from n in node
                       from rate in Gen.Elements(90, 95, 98, 102, 105, 110)
                       from len in Ms(10_000, 10 * _mdiMs)
                       select (Func<long, Fault>)(at => new DriftFault(Us(at), Us(len), n, new ClockRate(rate, 100)));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Places faults one after another (the first after every node started and one MDI) and keeps those that fit.</summary>
    private ImmutableArray<Fault> Place(long[] startsMs, RawFault[] raw)
    {
        long at = startsMs.Length == 0 ? 0 : startsMs.Max();
        long lastEnd = _durationMs - _settleMs;
        var kept = ImmutableArray.CreateBuilder<Fault>();
        foreach (RawFault r in raw)
        {
            at += r.GapMs;
            Fault f = r.Make(at);
            if (f.EndUs > Us(lastEnd))
            {
                break;
            }

            if (!Overlaps(kept, f))
            {
                kept.Add(f);
            }
        }

        return kept.ToImmutable();
    }

    private static bool Overlaps(IEnumerable<Fault> kept, Fault f)
    {
        foreach (Fault k in kept)
        {
            if (k.Resource == f.Resource && k.AtUs <= f.EndUs && f.AtUs <= k.EndUs)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Smaller schedules, simplest first: no faults at all, one fault fewer, every node started at
    /// 0s, one start offset fewer, a fault half as long, a fault earlier, a fault's own parameters
    /// simpler, times rounded to whole seconds, seed 1.
    /// </summary>
    public IEnumerable<Schedule> Shrink(Schedule s)
    {
        if (s.Faults.Length > 1)
        {
            yield return s with { Faults = [] };
        }

        for (int i = 0; i < s.Faults.Length; i++)
        {
            yield return s with { Faults = s.Faults.RemoveAt(i) };
        }

        if (!s.Autostart)
        {
            yield return s with { StartOffsetsUs = [.. s.StartOffsetsUs.Select(_ => 0L)] };
            for (int i = 0; i < s.StartOffsetsUs.Length; i++)
            {
                if (s.StartOffsetsUs[i] != 0)
                {
                    yield return s with { StartOffsetsUs = s.StartOffsetsUs.SetItem(i, 0) };
                }
            }
        }

        for (int i = 0; i < s.Faults.Length; i++)
        {
            Fault f = s.Faults[i];
            if (f.ForUs >= 2_000)
            {
                yield return Replace(s, i, f.Moved(f.AtUs, f.ForUs / 2 / 1000 * 1000));
            }
        }

        for (int i = 0; i < s.Faults.Length; i++)
        {
            Fault f = s.Faults[i];
            long previous = i == 0 ? s.StartOffsetsUs.DefaultIfEmpty(0).Max() : s.Faults[i - 1].AtUs;
            long earlier = (previous + ((f.AtUs - previous) / 2)) / 1000 * 1000;
            if (earlier < f.AtUs && !Overlaps(s.Faults.RemoveAt(i), f.Moved(earlier, f.ForUs)))
            {
                yield return Replace(s, i, f.Moved(earlier, f.ForUs));
            }
        }

        for (int i = 0; i < s.Faults.Length; i++)
        {
            foreach (Fault simpler in s.Faults[i].Simpler())
            {
                yield return Replace(s, i, simpler);
            }
        }

        for (int i = 0; i < s.Faults.Length; i++)
        {
            // Whole seconds, never longer: every step makes a schedule smaller, so shrinking ends.
            Fault f = s.Faults[i];
            long at = f.AtUs / 1_000_000 * 1_000_000;
            long len = f.ForUs >= 1_000_000 ? f.ForUs / 1_000_000 * 1_000_000 : f.ForUs;
            if ((at != f.AtUs || len != f.ForUs) && !Overlaps(s.Faults.RemoveAt(i), f.Moved(at, len)))
            {
                yield return Replace(s, i, f.Moved(at, len));
            }
        }

        if (s.SimSeed != 1)
        {
            yield return s with { SimSeed = 1 };
        }
    }

    private static Schedule Replace(Schedule s, int i, Fault f) => s with { Faults = s.Faults.SetItem(i, f) };
}
