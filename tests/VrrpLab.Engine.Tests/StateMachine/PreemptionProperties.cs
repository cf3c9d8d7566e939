namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>
/// FsCheck properties of the preemption rules (domain.md section 4). A failing property prints its
/// seed; replay with <c>[FsProperty(Replay = "SEED")]</c>.
/// </summary>
public sealed class PreemptionProperties
{
    private static readonly Gen<byte> Priority = Gen.Choose(1, 254).Select(p => (byte)p);
    private static readonly Gen<VrrpVersion> Version = Gen.Elements(VrrpVersion.V2, VrrpVersion.V3);

    private static Gen<int> IntervalMs(VrrpVersion v) =>
        v == VrrpVersion.V2 ? Gen.Choose(1, 5).Select(s => s * 1000) : Gen.Choose(1, 300).Select(cs => cs * 10);

    private static Gen<(VrrpVersion V, int IntervalMs, byte Ours, byte Theirs)> Pair(Func<byte, byte, bool> accept) =>
        from v in Version
        from i in IntervalMs(v)
        from ours in Priority
        from theirs in Priority
        where accept(ours, theirs)
        select (v, i, ours, theirs);

    [FsProperty(MaxTest = 200)]
    public Property Backup_with_nopreempt_never_takes_over_from_a_live_master() =>
        Prop.ForAll(
            (from p in Pair((_, _) => true)
             from gaps in Gen.ListOf(Gen.Choose(1, 1000)).Select(l => l.Take(40).ToArray())
             select (p, gaps)).ToArbitrary(),
            x =>
            {
                var ((v, ms, ours, theirs), gaps) = x;
                var h = new RouterHarness(RouterHarness.Config(priority: ours, nopreempt: true, version: v, intervalMs: ms)).Start();
                long t = 0;
                foreach (int permille in gaps)
                {
                    // A live master: every gap is at most one advert interval.
                    t += Math.Max(1, ms * 1000L * permille / 1000);
                    h.Receive(T.Us(t), theirs, interval: Duration.FromMilliseconds(ms));
                }

                h.RunUntil(T.Us(t));
                return h.EnteredAt(VrrpState.Master) is null;
            });

    [FsProperty(MaxTest = 200)]
    public Property Preempting_backup_with_higher_priority_becomes_master_within_one_mdi_of_the_lower_masters_adverts_starting() =>
        Prop.ForAll(
            (from p in Pair((ours, theirs) => ours > theirs)
             from startMs in Gen.Choose(0, 5000)
             select (p, startMs)).ToArbitrary(),
            x =>
            {
                var ((v, ms, ours, theirs), startMs) = x;
                var h = new RouterHarness(RouterHarness.Config(priority: ours, version: v, intervalMs: ms)).Start();
                Duration mdi = VrrpTimers.MasterDownInterval(v, ours, Duration.FromMilliseconds(ms));
                Instant first = T.Us(startMs * 1000L);
                for (Instant t = first; t <= first + mdi; t += Duration.FromMilliseconds(ms))
                {
                    h.Receive(t, theirs, interval: Duration.FromMilliseconds(ms));
                }

                h.RunUntil(first + mdi);
                Instant? master = h.EnteredAt(VrrpState.Master);
                return master is not null && master.Value <= first + mdi;
            });

    [FsProperty(MaxTest = 200)]
    public Property Master_hearing_a_higher_priority_always_yields() =>
        Prop.ForAll(
            (from p in Pair((ours, theirs) => theirs >= ours)
             from at in Gen.Choose(0, 10_000)
             select (p, at)).ToArbitrary(),
            x =>
            {
                var ((v, ms, ours, theirs), at) = x;
                var h = new RouterHarness(RouterHarness.Config(priority: ours, version: v, intervalMs: ms)).Start();
                Instant became = h.Instance.MasterDownDeadline;
                h.RunUntil(became);
                // Equal priority: the sender's address 10.0.0.12 is above ours (10.0.0.11).
                h.Receive(became + Duration.FromMilliseconds(at), theirs, IPAddress.Parse("10.0.0.12"), interval: Duration.FromMilliseconds(ms));
                return h.State == VrrpState.Backup;
            });

    [FsProperty(MaxTest = 200)]
    public Property Priority_zero_always_leads_to_takeover_after_exactly_skew_time() =>
        Prop.ForAll(
            (from p in Pair((_, _) => true)
             from at in Gen.Choose(1, 1000)
             select (p, at)).ToArbitrary(),
            x =>
            {
                var ((v, ms, ours, theirs), atPermille) = x;
                var h = new RouterHarness(RouterHarness.Config(priority: ours, nopreempt: true, version: v, intervalMs: ms)).Start();
                Duration interval = Duration.FromMilliseconds(ms);
                h.Receive(T.S(0.001), theirs, interval: interval);
                Instant resign = T.S(0.001) + Duration.FromMicroseconds(ms * 1000L * atPermille / 1000);
                h.Receive(resign, 0, interval: interval);
                h.RunUntil(resign + VrrpTimers.MasterDownInterval(v, ours, interval));
                return h.EnteredAt(VrrpState.Master) == resign + VrrpTimers.SkewTime(v, ours, interval);
            });

    [FsProperty(MaxTest = 100)]
    public Property The_engine_is_deterministic_same_inputs_give_the_same_effects() =>
        Prop.ForAll(
            (from p in Pair((_, _) => true)
             from inputs in Gen.ListOf(Gen.Zip(Gen.Choose(1, 3000), Gen.Choose(0, 255))).Select(l => l.Take(30).ToArray())
             select (p, inputs)).ToArbitrary(),
            x =>
            {
                string Run()
                {
                    var ((v, ms, ours, _), inputs) = x;
                    var h = new RouterHarness(RouterHarness.Config(priority: ours, version: v, intervalMs: ms)).Start();
                    long t = 0;
                    foreach ((int gapMs, int prio) in inputs)
                    {
                        t += gapMs * 1000L;
                        h.Receive(T.Us(t), (byte)prio, interval: Duration.FromMilliseconds(ms));
                    }

                    h.RunUntil(T.Us(t + 10_000_000));
                    return string.Join('\n', h.Effects.Select(e => $"{e.At.Microseconds} {Describe(e.Effect)}"));
                }

                return Run() == Run();
            });

    private static string Describe(Effect e) => e switch
    {
        SendAdvertisement a => $"tx {a.Destination} {Convert.ToHexString(a.Payload)}",
        _ => e.ToString(),
    };
}
