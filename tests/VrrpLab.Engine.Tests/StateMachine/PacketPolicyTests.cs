namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>
/// <see cref="PacketPolicy"/>: keepalived 2.2.7 lets any packet naming the VRID restart a MASTER's advert
/// timer (a flood silences it); the hardened policy lets only valid adverts touch a timer.
/// </summary>
public sealed class PacketPolicyTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("10.0.0.66");

    /// <summary>MASTER since 3.609375 s (v2, advert_int 1, priority 100), adverts at 4.609375, 5.609375, ...</summary>
    private static RouterHarness Master(PacketPolicy policy, VrrpInstanceConfig? config = null)
    {
        var h = new RouterHarness(new RouterConfig { Instances = [config ?? RouterHarness.Config()], PacketPolicy = policy }).Start();
        h.RunUntil(T.S(4));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
        return h;
    }

    private static byte[] Flood(FloodKind kind, ulong entropy)
    {
        byte[] buffer = new byte[FloodDatagrams.MaxLength];
        int n = FloodDatagrams.Write(kind, 51, VrrpVersion.V2, null, entropy, Attacker.GetAddressBytes(), TestAddresses.Group.GetAddressBytes(), buffer);
        return buffer[..n];
    }

    /// <summary>Sends a flood every <paramref name="gapUs"/> from <paramref name="fromUs"/> to <paramref name="toUs"/>.</summary>
    private static void FloodMaster(RouterHarness h, FloodKind kind, long fromUs, long toUs, long gapUs = 5_000)
    {
        ulong k = 1;
        for (long t = fromUs; t < toUs; t += gapUs)
        {
            byte[] p = Flood(kind, k++);
            if (p.Length >= 8)
            {
                h.ReceiveRaw(T.Us(t), p, Attacker);
            }
        }
    }

    /// <summary>The flood kinds that name the VRID but are invalid for the instance.</summary>
    private static readonly FloodKind[] InvalidFloods = [FloodKind.Garbage, FloodKind.WrongAuth, FloodKind.WrongVersion];

    /// <summary>A MASTER under <paramref name="policy"/> flooded with <paramref name="kind"/> every 5 ms from 5 s to 10 s, run to 10 s.</summary>
    private static RouterHarness FloodedFrom5To10s(PacketPolicy policy, FloodKind kind)
    {
        var h = Master(policy);
        FloodMaster(h, kind, 5_000_000, 10_000_000);
        h.RunUntil(T.S(10));
        return h;
    }

    private static List<Instant> AdvertsSent(RouterHarness h, Instant from, Instant to) =>
        h.Effects.Where(e => e.Effect is SendAdvertisement && e.At > from && e.At <= to).Select(e => e.At).ToList();

    [TestCaseSource(nameof(InvalidFloods))]
    public void Keepalived_a_flood_naming_the_vrid_silences_the_master(FloodKind kind)
    {
        var h = FloodedFrom5To10s(PacketPolicy.Keepalived, kind);
        Assert.That(AdvertsSent(h, T.S(5), T.S(10)), Is.Empty, "no advert while every packet restarts the timer");
        Assert.That(h.All<AdvertisementDropped>().All(d => d.AdvertTimerRestarted), Is.True);

        // The timer runs out one interval after the last packet (at 9.995 s).
        h.RunUntil(T.S(11));
        Assert.That(AdvertsSent(h, T.S(10), T.S(11)), Is.EqualTo(new[] { T.S(10.995) }));
    }

    [TestCaseSource(nameof(InvalidFloods))]
    public void Hardened_the_master_advertises_every_interval_whatever_arrives(FloodKind kind)
    {
        var h = FloodedFrom5To10s(PacketPolicy.Hardened, kind);
        Assert.That(AdvertsSent(h, T.S(5), T.S(10)), Is.EqualTo(new[] { T.S(5.609375), T.S(6.609375), T.S(7.609375), T.S(8.609375), T.S(9.609375) }));
        Assert.That(h.All<AdvertisementDropped>(), Is.Not.Empty);
        Assert.That(h.All<AdvertisementDropped>().Any(d => d.AdvertTimerRestarted), Is.False);
    }

    [Test]
    public void Keepalived_an_off_link_ttl_restarts_the_advert_timer_and_hardened_does_not()
    {
        foreach (PacketPolicy policy in new[] { PacketPolicy.Keepalived, PacketPolicy.Hardened })
        {
            var h = Master(policy);
            h.Receive(T.S(4.2), 200, Attacker, ttl: 64);
            h.RunUntil(T.S(5.5));
            Instant expected = policy == PacketPolicy.Keepalived ? T.S(5.2) : T.S(4.609375);
            Assert.That(AdvertsSent(h, T.S(4.2), T.S(5.5)).First(), Is.EqualTo(expected), policy.ToString());
            Assert.That(h.All<AdvertisementDropped>().Single().Reason, Is.EqualTo(AdvertDropReason.BadTtl));
        }
    }

    [Test]
    public void Keepalived_answers_every_lower_priority_advert_and_hardened_at_most_once_per_interval()
    {
        var k = Master(PacketPolicy.Keepalived);
        var hd = Master(PacketPolicy.Hardened);
        for (long t = 4_100_000; t < 5_100_000; t += 100_000)
        {
            k.Receive(T.Us(t), 50, TestAddresses.Lower);
            hd.Receive(T.Us(t), 50, TestAddresses.Lower);
        }

        k.RunUntil(T.S(5.1));
        hd.RunUntil(T.S(5.1));
        Assert.That(AdvertsSent(k, T.S(4), T.S(5.1)), Has.Count.EqualTo(10), "keepalived answers each of the ten");
        Assert.That(k.All<SendGratuitousArp>().Count(), Is.EqualTo(1 + 10), "and re-announces the VIP each time");

        // Hardened: the answer at 4.1 s, the periodic advert at 4.609375 s, the next answer from 5.1 s on.
        Assert.That(AdvertsSent(hd, T.S(4), T.S(5.1)), Is.EqualTo(new[] { T.S(4.1), T.S(4.609375) }));
        Assert.That(hd.All<AdvertisementDropped>().Count(d => d.Reason == AdvertDropReason.RateLimited), Is.EqualTo(9));
        Assert.That(hd.All<SendGratuitousArp>().Count(), Is.EqualTo(1 + 1));
    }

    [Test]
    public void Hardened_a_resignation_flood_is_answered_once_per_interval_and_keeps_the_cadence()
    {
        var h = Master(PacketPolicy.Hardened);
        for (long t = 4_100_000; t < 6_000_000; t += 50_000)
        {
            h.Receive(T.Us(t), 0, TestAddresses.Lower);
        }

        h.RunUntil(T.S(6));
        Assert.That(AdvertsSent(h, T.S(4), T.S(6)), Is.EqualTo(new[] { T.S(4.1), T.S(4.609375), T.S(5.1), T.S(5.609375) }));
        Assert.That(h.State, Is.EqualTo(VrrpState.Master));
    }

    [Test]
    public void A_higher_priority_advert_still_takes_the_master_down_in_both_policies()
    {
        foreach (PacketPolicy policy in new[] { PacketPolicy.Keepalived, PacketPolicy.Hardened })
        {
            var h = Master(policy);
            h.Receive(T.S(4.1), 50, TestAddresses.Lower);
            h.Receive(T.S(4.2), 200);
            Assert.That(h.State, Is.EqualTo(VrrpState.Backup), policy.ToString());
        }
    }

    [TestCase(PacketPolicy.Keepalived)]
    [TestCase(PacketPolicy.Hardened)]
    public void A_packet_from_our_own_address_is_dropped_as_own_address_and_touches_no_timer(PacketPolicy policy)
    {
        var h = Master(policy);
        IReadOnlyList<Effect> effects = h.Receive(T.S(4.2), 200, TestAddresses.Self);
        Assert.That(effects.OfType<AdvertisementDropped>().Single().Reason, Is.EqualTo(AdvertDropReason.OwnAddress));
        h.RunUntil(T.S(5));
        Assert.That(AdvertsSent(h, T.S(4.2), T.S(5)), Is.EqualTo(new[] { T.S(4.609375) }));
    }

    [Test]
    public void Drops_say_their_class()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AdvertDropReason.BadTtl.Classify(), Is.EqualTo(AdvertDropClass.Spoofed));
            Assert.That(AdvertDropReason.OwnAddress.Classify(), Is.EqualTo(AdvertDropClass.Spoofed));
            Assert.That(AdvertDropReason.AuthFailure.Classify(), Is.EqualTo(AdvertDropClass.Mismatch));
            Assert.That(AdvertDropReason.BadVersion.Classify(), Is.EqualTo(AdvertDropClass.Mismatch));
            Assert.That(AdvertDropReason.BadChecksum.Classify(), Is.EqualTo(AdvertDropClass.Malformed));
            Assert.That(AdvertDropReason.TooShort.Classify(), Is.EqualTo(AdvertDropClass.Malformed));
            Assert.That(AdvertDropReason.UnknownVrid.Classify(), Is.EqualTo(AdvertDropClass.NotForUs));
            Assert.That(AdvertDropReason.RateLimited.Classify(), Is.EqualTo(AdvertDropClass.RateLimited));
            Assert.That(AdvertDropReason.RateLimited.ToSnakeCase(), Is.EqualTo("rate_limited"));
            Assert.That(Enum.GetValues<AdvertDropReason>().Select(r => r.ToSnakeCase()).Distinct().Count(), Is.EqualTo(Enum.GetValues<AdvertDropReason>().Length));
        });
    }

    [TestCase(PacketPolicy.Keepalived, FloodKind.WrongAuth)]
    [TestCase(PacketPolicy.Keepalived, FloodKind.Garbage)]
    [TestCase(PacketPolicy.Hardened, FloodKind.WrongVersion)]
    [TestCase(PacketPolicy.Hardened, FloodKind.Garbage)]
    public void Dropping_a_flood_allocates_nothing_once_warm(PacketPolicy policy, FloodKind kind)
    {
        var h = Master(policy);
        VrrpRouter router = h.Router;
        byte[][] packets = Enumerable.Range(1, 64).Select(i => Flood(kind, (ulong)i)).ToArray();
        long t = 4_100_000;
        for (int round = 0; round < 3; round++)
        {
            foreach (byte[] p in packets)
            {
                router.ReceivePacket(T.Us(t += 10), "eth0", Attacker, TestAddresses.Group, 255, p);
            }
        }

        // The least over a few rounds: a round may catch the runtime's own one-off work (tiered JIT).
        long least = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (byte[] p in packets)
            {
                router.ReceivePacket(T.Us(t += 10), "eth0", Attacker, TestAddresses.Group, 255, p);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.That(least, Is.Zero);
    }
}
