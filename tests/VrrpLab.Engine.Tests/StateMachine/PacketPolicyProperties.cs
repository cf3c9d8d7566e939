namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>
/// FsCheck properties of <see cref="PacketPolicy.Hardened"/>: whatever invalid packets arrive, in any
/// number and at any instants, the MASTER advertises exactly every interval. A failing property prints
/// its seed; replay with <c>[FsProperty(Replay = "SEED")]</c>.
/// </summary>
public sealed class PacketPolicyProperties
{
    private static readonly IPAddress Attacker = IPAddress.Parse("10.0.0.66");

    /// <summary>One received packet: when (us after 4 s), its bytes, its TTL and its source.</summary>
    private static readonly Gen<(long AtUs, byte[] Bytes, byte Ttl, IPAddress Source)> AnyPacket =
        from at in Gen.Choose(0, 5_000_000)
        from kind in Gen.Elements(0, 1, 2, 3)
        from entropy in ArbMap.Default.GeneratorFor<ulong>()
        from raw in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
        from ttl in Gen.Elements((byte)255, (byte)255, (byte)64, (byte)1)
        from src in Gen.Elements(Attacker, TestAddresses.Self, TestAddresses.Lower)
        select ((long)at, kind == 3 ? WithVrid(raw) : Flood((FloodKind)kind, entropy, src), ttl, src);

    private static byte[] WithVrid(byte[] raw)
    {
        byte[] p = raw.Length >= 2 ? (byte[])raw.Clone() : [0x21, 51];
        p[1] = 51;
        return p;
    }

    private static byte[] Flood(FloodKind kind, ulong entropy, IPAddress source)
    {
        byte[] buffer = new byte[FloodDatagrams.MaxLength];
        int n = FloodDatagrams.Write(kind, 51, VrrpVersion.V2, null, entropy, source.GetAddressBytes(), TestAddresses.Group.GetAddressBytes(), buffer);
        return buffer[..n];
    }

    [FsProperty(MaxTest = 200)]
    public Property Hardened_master_advertises_exactly_every_interval_whatever_invalid_packets_arrive() =>
        Prop.ForAll(
            Gen.ListOf(AnyPacket).Select(l => l.Take(300).OrderBy(p => p.AtUs).ToArray()).ToArbitrary(),
            packets =>
            {
                var h = new RouterHarness(new RouterConfig { Instances = [RouterHarness.Config()], PacketPolicy = PacketPolicy.Hardened }).Start();
                h.RunUntil(T.S(4));
                bool anyValid = false;
                foreach ((long at, byte[] bytes, byte ttl, IPAddress src) in packets)
                {
                    anyValid |= h.ReceiveRaw(T.Us(4_000_000 + at), bytes, src, ttl).OfType<AdvertisementDropped>().Any() == false;
                }

                h.RunUntil(T.S(9.7));
                var sent = h.Effects.Where(e => e.Effect is SendAdvertisement && e.At > T.S(4)).Select(e => e.At).ToArray();
                Instant[] expected = [T.S(4.609375), T.S(5.609375), T.S(6.609375), T.S(7.609375), T.S(8.609375), T.S(9.609375)];
                return (anyValid || (h.State == VrrpState.Master && sent.SequenceEqual(expected)))
                    .Label($"adverts at {string.Join(", ", sent)}");
            });

    [FsProperty(MaxTest = 300)]
    public Property The_screen_and_the_router_agree_on_every_drop() =>
        Prop.ForAll(
            AnyPacket.ToArbitrary(),
            p =>
            {
                var h = new RouterHarness(RouterHarness.Config()).Start();
                h.RunUntil(T.S(1));
                PacketVerdict v = h.Router.Screen.Screen("eth0", p.Source.GetAddressBytes(), TestAddresses.Group.GetAddressBytes(), p.Ttl, p.Bytes);
                AdvertisementDropped? d = h.ReceiveRaw(T.S(1), p.Bytes, p.Source, p.Ttl).OfType<AdvertisementDropped>().SingleOrDefault();
                return (d?.Reason ?? AdvertDropReason.None) == v.Reason;
            });
}
