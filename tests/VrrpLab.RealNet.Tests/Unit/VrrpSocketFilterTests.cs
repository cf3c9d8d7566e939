using FsCheck;
using FsCheck.Fluent;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Tests.Shared;
using Filter = VrrpLab.RealNet.Native.Libc.SockFilter;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>
/// The socket filter never drops what the engine would act on, and the hardened one drops what the
/// kernel can decide (length, version, VRID, TTL). Run with the filter's own interpreter.
/// </summary>
public sealed class VrrpSocketFilterTests
{
    private static VrrpInstanceConfig Instance(VrrpVersion version, byte vrid, AuthType auth = AuthType.None) => new()
    {
        Name = "VI_" + vrid,
        Interface = "eth0",
        VirtualRouterId = vrid,
        Version = version,
        AuthType = auth,
        AuthPassword = auth == AuthType.SimpleText ? "secret" : null,
        VirtualAddresses = [VirtualAddress.Host(TestAddresses.Vip)],
    };

    private static readonly RouterConfig Config = new() { Instances = [Instance(VrrpVersion.V2, 51, AuthType.SimpleText), Instance(VrrpVersion.V3, 52)] };

    private static Filter[] Program(PacketPolicy policy) =>
        VrrpSocketFilter.Build(AddressFamily.InterNetwork, policy, [.. Config.Instances.Select(i => new VrrpSocketFilter.Target(i.Version, i.VirtualRouterId))]);

    private static byte[] Ip(byte[] payload, IPAddress? source = null, byte ttl = 255, IPAddress? destination = null)
    {
        byte[] p = new byte[20 + payload.Length];
        Ipv4Header.Write(p, source ?? TestAddresses.Peer, destination ?? TestAddresses.Group, payload.Length, ttl);
        payload.CopyTo(p, 20);
        return p;
    }

    private static byte[] Advert(VrrpVersion version, byte vrid, string password = "secret", byte priority = 100) =>
        AdvertisementCodec.Encode(
            new Advertisement(version, vrid, priority, Duration.FromSeconds(1), [TestAddresses.Vip], version == VrrpVersion.V2 ? AuthType.SimpleText : AuthType.None, version == VrrpVersion.V2 ? password : ""),
            TestAddresses.Peer, TestAddresses.Group, V3ChecksumForm.PseudoHeader);

    [TestCase(PacketPolicy.Hardened)]
    [TestCase(PacketPolicy.Keepalived)]
    public void Valid_adverts_of_both_instances_pass(PacketPolicy policy)
    {
        Assert.That(VrrpSocketFilter.Run(Program(policy), Ip(Advert(VrrpVersion.V2, 51))), Is.GreaterThan(0u));
        Assert.That(VrrpSocketFilter.Run(Program(policy), Ip(Advert(VrrpVersion.V3, 52))), Is.GreaterThan(0u));
    }

    [Test]
    public void An_ip_header_with_options_is_skipped_by_its_length()
    {
        byte[] payload = Advert(VrrpVersion.V2, 51);
        byte[] p = new byte[24 + payload.Length];
        Ipv4Header.Write(p, TestAddresses.Peer, TestAddresses.Group, payload.Length + 4);
        p[0] = 0x46; // IHL 6: four bytes of options
        payload.CopyTo(p, 24);
        Assert.That(VrrpSocketFilter.Run(Program(PacketPolicy.Hardened), p), Is.GreaterThan(0u));
    }

    [Test]
    public void Hardened_drops_unknown_vrids_other_versions_wrong_lengths_and_off_link_ttls_in_the_kernel()
    {
        Filter[] f = Program(PacketPolicy.Hardened);
        byte[] wrongVersion = Advert(VrrpVersion.V3, 51);
        byte[] longer = [.. Advert(VrrpVersion.V2, 51), 0, 0, 0, 0];
        byte[] v3NoAddress = Advert(VrrpVersion.V3, 52)[..8];
        v3NoAddress[3] = 0;
        Assert.Multiple(() =>
        {
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 53))), Is.Zero, "unknown VRID");
            Assert.That(VrrpSocketFilter.Run(f, Ip(wrongVersion)), Is.Zero, "v3 for the v2 instance");
            Assert.That(VrrpSocketFilter.Run(f, Ip(longer)), Is.Zero, "longer than the count announces");
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 51)[..10])), Is.Zero, "shorter");
            Assert.That(VrrpSocketFilter.Run(f, Ip(v3NoAddress)), Is.Zero, "v3 with no address");
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 51), ttl: 254)), Is.Zero, "off-link TTL to the group");
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 51), ttl: 64, destination: TestAddresses.Self)), Is.GreaterThan(0u), "unicast: no TTL rule");
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 51, password: "wrong"))), Is.GreaterThan(0u), "authentication is the engine's");
        });
    }

    [Test]
    public void Keepalived_compatible_keeps_every_packet_of_eight_bytes_or_more_that_names_an_instance()
    {
        Filter[] f = Program(PacketPolicy.Keepalived);
        Assert.Multiple(() =>
        {
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V3, 51))), Is.GreaterThan(0u), "wrong version still restarts keepalived's timer");
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 51), ttl: 1)), Is.GreaterThan(0u));
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 51)[..8])), Is.GreaterThan(0u));
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 51)[..7])), Is.Zero, "no VRRP header");
            Assert.That(VrrpSocketFilter.Run(f, Ip(Advert(VrrpVersion.V2, 53))), Is.Zero, "unknown VRID");
        });
    }

    /// <summary>Any packet: flood datagrams, adverts with a random field changed, random bytes naming a VRID.</summary>
    private static readonly Gen<(byte[] Payload, byte Ttl)> AnyPacket =
        from kind in Gen.Choose(0, 4)
        from vrid in Gen.Elements((byte)51, (byte)52, (byte)53)
        from entropy in ArbMap.Default.GeneratorFor<ulong>()
        from at in Gen.Choose(0, 27)
        from value in ArbMap.Default.GeneratorFor<byte>()
        from ttl in Gen.Elements((byte)255, (byte)255, (byte)254, (byte)1)
        select (Payload(kind, vrid, entropy, at, value), ttl);

    private static byte[] Payload(int kind, byte vrid, ulong entropy, int at, byte value)
    {
        if (kind < 3)
        {
            byte[] buffer = new byte[FloodDatagrams.MaxLength];
            int n = FloodDatagrams.Write((FloodKind)kind, vrid, VrrpVersion.V2, "secret", entropy, TestAddresses.Peer.GetAddressBytes(), TestAddresses.Group.GetAddressBytes(), buffer);
            return buffer[..n];
        }

        byte[] a = Advert(vrid == 52 ? VrrpVersion.V3 : VrrpVersion.V2, vrid);
        if (kind == 4 && at < a.Length)
        {
            a[at] = value;
        }

        return a;
    }

    [FsProperty(MaxTest = 2000)]
    public Property The_filter_never_drops_what_the_engine_must_see() =>
        Prop.ForAll(AnyPacket.ToArbitrary(), p =>
        {
            var screen = new PacketScreen(Config, [new RouterInterface("eth0", TestAddresses.Self)]);
            PacketVerdict v = screen.Screen("eth0", TestAddresses.Peer.GetAddressBytes(), TestAddresses.Group.GetAddressBytes(), p.Ttl, p.Payload);
            byte[] packet = Ip(p.Payload, ttl: p.Ttl);
            bool hardenedKeeps = VrrpSocketFilter.Run(Program(PacketPolicy.Hardened), packet) > 0;
            bool keepalivedKeeps = VrrpSocketFilter.Run(Program(PacketPolicy.Keepalived), packet) > 0;
            return (!v.IsValid || hardenedKeeps)
                && (!v.NamesInstance || keepalivedKeeps)
                && (hardenedKeeps || !v.IsValid)
                && (v.IsValid || !hardenedKeeps || v.Reason is AdvertDropReason.AuthFailure or AdvertDropReason.AuthTypeMismatch
                    or AdvertDropReason.IntervalMismatch or AdvertDropReason.BadChecksum or AdvertDropReason.ZeroInterval
                    or AdvertDropReason.InvalidVrid or AdvertDropReason.BadType);
        });
}
