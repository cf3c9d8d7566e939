using System.Collections.Immutable;
using VrrpLab.Engine.Time;
using VrrpLab.Explore.Faults;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Generation;

/// <summary>
/// Generation and shrinking of fault schedules for one cluster (the tests wrap both as an FsCheck
/// <c>Arbitrary</c>: tests/VrrpLab.Explore.Tests/ScheduleArbitrary.cs). A schedule is: a start
/// offset per node (half of the schedules start every node at 0s), then faults placed one after
/// another with a quiet period before each (mostly one to four Master_Down_Intervals, sometimes
/// shorter so faults overlap), each lasting a length fitting its kind, no two on one resource at
/// once, all over before the run's last settling time. Times are whole milliseconds. No FsCheck
/// here: its FSharp.Core dependency carries reflection and printf code that NativeAOT cannot analyse,
/// and the shrinker is this class's own anyway.
/// </summary>
public sealed class ScheduleGen
{
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
    }

    /// <summary>The kinds that apply to this cluster (e.g. no <c>script</c> without tracked scripts).</summary>
    public IReadOnlyList<FaultKind> Kinds => _kinds;

    /// <summary>The schedule of seed <paramref name="seed"/>: a pure function of the seed.</summary>
    public Schedule Generate(ulong seed)
    {
        var rnd = new ScheduleRandom(seed);
        int nodes = _cluster.NodeNames.Length;
        var starts = new long[nodes];
        if (rnd.Odds(1, 2))
        {
            for (int i = 0; i < nodes; i++)
            {
                starts[i] = rnd.Choose(0, 2 * _mdiMs);
            }
        }

        int maxFaults = _kinds.Length == 0 ? 0 : (int)Math.Clamp(_durationMs / (4 * _mdiMs), 1, 12);
        int count = (int)rnd.Choose(0, maxFaults);
        var raw = new RawFault[count];
        for (int i = 0; i < count; i++)
        {
            long gap = rnd.Odds(3, 4) ? rnd.Choose(_mdiMs, 4 * _mdiMs) : rnd.Choose(0, _mdiMs);
            raw[i] = new RawFault(gap, MakeFault(ref rnd, _kinds[(int)rnd.Choose(0, _kinds.Length - 1)]));
        }

        ulong simSeed = (ulong)rnd.Choose(1, int.MaxValue);
        return new Schedule([.. starts.Select(x => x * 1000)], Place(starts, raw), simSeed);
    }

    private bool Applies(FaultKind k) => k switch
    {
        FaultKind.Script => !_cluster.Scripts.IsEmpty,
        FaultKind.Link => !_cluster.Links.IsEmpty,
        FaultKind.Partition => _cluster.NodeNames.Length >= 2,
        FaultKind.Loss or FaultKind.Latency => !_cluster.Segments.IsEmpty,
        FaultKind.Flood => !_cluster.Floods.IsEmpty,
        _ => !_cluster.NodeNames.IsEmpty,
    };

    /// <summary>A fault before placement: the quiet period before it, and the fault given its start (ms).</summary>
    private sealed record RawFault(long GapMs, Func<long, Fault> Make);

    private static long Us(long ms) => ms * 1000;

    private Func<long, Fault> MakeFault(ref ScheduleRandom rnd, FaultKind kind)
    {
        long Down(ref ScheduleRandom r) => r.Odds(1, 2) ? r.Choose(100, _mdiMs) : r.Choose(_mdiMs, 6 * _mdiMs);
        switch (kind)
        {
            case FaultKind.Crash or FaultKind.Stop or FaultKind.Kill:
            {
                string n = rnd.Element(_cluster.NodeNames);
                long len = Down(ref rnd);
                return kind switch
                {
                    FaultKind.Crash => at => new CrashFault(Us(at), Us(len), n),
                    FaultKind.Stop => at => new StopFault(Us(at), Us(len), n),
                    _ => at => new KillFault(Us(at), Us(len), n),
                };
            }

            case FaultKind.Restart:
            {
                string n = rnd.Element(_cluster.NodeNames);
                long len = rnd.Choose(1, 3000);
                return at => new RestartFault(Us(at), Us(len), n);
            }

            case FaultKind.Pause:
            {
                string n = rnd.Element(_cluster.NodeNames);
                long len = rnd.Odds(1, 2) ? rnd.Choose(50, _intervalMs) : rnd.Choose(_intervalMs, 2 * _mdiMs);
                return at => new PauseFault(Us(at), Us(len), n);
            }

            case FaultKind.Script:
            {
                (string node, string script) = rnd.Element(_cluster.Scripts);
                long len = rnd.Choose(500, 6 * _mdiMs);
                return at => new ScriptFault(Us(at), Us(len), node, script);
            }

            case FaultKind.Link:
            {
                (string node, string iface) = rnd.Element(_cluster.Links);
                long len = rnd.Choose(50, 6 * _mdiMs);
                return at => new LinkFault(Us(at), Us(len), node, iface);
            }

            case FaultKind.Partition:
            {
                ImmutableArray<string> names = _cluster.NodeNames;
                long mask = rnd.Choose(1, (1L << Math.Min(names.Length, 16)) - 2);
                long len = rnd.Choose(50, 6 * _mdiMs);
                ImmutableArray<ImmutableArray<string>> groups =
                    [[.. names.Where((_, i) => i >= 16 || (mask & (1L << i)) == 0)], [.. names.Where((_, i) => i < 16 && (mask & (1L << i)) != 0)]];
                return at => new PartitionFault(Us(at), Us(len), groups);
            }

            case FaultKind.Loss:
            {
                SegmentSpec seg = rnd.Element(_cluster.Segments);
                int rate = rnd.Element(LossRates);
                long len = rnd.Choose(1000, 6 * _mdiMs);
                return at => new LossFault(Us(at), Us(len), seg.Name, new Rate(rate), seg.Loss);
            }

            case FaultKind.Latency:
            {
                // At most a quarter of the advert interval (and 250 ms): slower links, not broken ones.
                SegmentSpec seg = rnd.Element(_cluster.Segments);
                long lat = rnd.Choose(1, Math.Clamp(_intervalMs / 4, 1, 250));
                long jitter = rnd.Choose(0, lat / 2);
                long len = rnd.Choose(1000, 6 * _mdiMs);
                return at => new LatencyFault(Us(at), Us(len), seg.Name, Duration.FromMilliseconds(lat), Duration.FromMilliseconds(jitter), seg.Latency, seg.Jitter);
            }

            case FaultKind.Drift:
            {
                // Up to 10% fast or slow: far beyond a real clock, well inside what VRRP's timers absorb.
                string n = rnd.Element(_cluster.NodeNames);
                int rate = rnd.Element(DriftRates);
                long len = rnd.Choose(10_000, 10 * _mdiMs);
                return at => new DriftFault(Us(at), Us(len), n, new ClockRate(rate, 100));
            }

            case FaultKind.Flood:
            {
                // One to a few hundred datagrams a second (keepalived 2.2.7's MASTER is silenced at one
                // per advert interval); short, since each datagram is one simulator event.
                (string seg, byte vrid) = rnd.Element(_cluster.Floods);
                int rate = rnd.Element(FloodRates);
                var flood = (Engine.Wire.FloodKind)rnd.Choose(0, 2);
                long len = rnd.Choose(100, Math.Max(100, _mdiMs));
                return at => new FloodFault(Us(at), Us(len), seg, vrid, rate, flood);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static readonly int[] LossRates = [50_000, 200_000, 500_000, 1_000_000];

    private static readonly int[] DriftRates = [90, 95, 98, 102, 105, 110];

    private static readonly int[] FloodRates = [1, 10, 50, 200];

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
    public static IEnumerable<Schedule> Shrink(Schedule s)
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
