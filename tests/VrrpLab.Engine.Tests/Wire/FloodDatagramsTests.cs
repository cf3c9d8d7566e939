namespace VrrpLab.Engine.Tests.Codec;

/// <summary><see cref="FloodDatagrams"/>: every datagram names the VRID and none is valid for the cluster.</summary>
public sealed class FloodDatagramsTests
{
    private static readonly IPAddress Source = IPAddress.Parse("10.0.0.66");

    private static byte[] Write(FloodKind kind, ulong entropy, VrrpVersion version = VrrpVersion.V2, string? password = null)
    {
        byte[] buffer = new byte[FloodDatagrams.MaxLength];
        int n = FloodDatagrams.Write(kind, 51, version, password, entropy, Source.GetAddressBytes(), TestAddresses.Group.GetAddressBytes(), buffer);
        return buffer[..n];
    }

    private static readonly ReceiverExpectations[] Clusters =
    [
        new(VrrpVersion.V2, AuthType.None, null, Duration.FromSeconds(1)),
        new(VrrpVersion.V2, AuthType.SimpleText, "vrrplab!", Duration.FromSeconds(1)),
        new(VrrpVersion.V2, AuthType.SimpleText, "1111", Duration.FromSeconds(1)),
        new(VrrpVersion.V3, AuthType.None, null, Duration.FromSeconds(1)),
    ];

    [Test]
    public void Garbage_names_the_vrid_varies_in_length_and_never_verifies()
    {
        var lengths = new HashSet<int>();
        for (ulong e = 0; e < 5000; e++)
        {
            byte[] p = Write(FloodKind.Garbage, e);
            lengths.Add(p.Length);
            Assert.That(p[1], Is.EqualTo(51));
            Assert.That(p[0], Is.AnyOf(0x21, 0x31));
            foreach (ReceiverExpectations c in Clusters)
            {
                Assert.That(AdvertisementCodec.Validate(p, Source, TestAddresses.Group, c), Is.Not.EqualTo(AdvertDropReason.None), $"entropy {e}");
                Assert.That(AdvertisementCodec.Validate(p, Source, TestAddresses.Group, null), Is.Not.EqualTo(AdvertDropReason.None), $"entropy {e}");
            }
        }

        Assert.That(lengths.Min(), Is.EqualTo(2));
        Assert.That(lengths.Max(), Is.EqualTo(FloodDatagrams.MaxLength));
    }

    [Test]
    public void Garbage_is_a_pure_function_of_its_entropy()
    {
        Assert.That(Write(FloodKind.Garbage, 42), Is.EqualTo(Write(FloodKind.Garbage, 42)));
        Assert.That(Write(FloodKind.Garbage, 42), Is.Not.EqualTo(Write(FloodKind.Garbage, 43)));
    }

    [TestCase(AuthType.None, null, AdvertDropReason.AuthTypeMismatch)]
    [TestCase(AuthType.SimpleText, "1111", AdvertDropReason.AuthFailure)]
    [TestCase(AuthType.SimpleText, "vrrplab!", AdvertDropReason.AuthFailure)]
    public void Wrong_auth_is_a_well_formed_v2_advert_that_fails_authentication(AuthType auth, string? password, AdvertDropReason expected)
    {
        byte[] p = Write(FloodKind.WrongAuth, 0, password: password);
        Assert.That(AdvertisementCodec.Validate(p, Source, TestAddresses.Group, null), Is.EqualTo(AdvertDropReason.None), "well formed");
        Assert.That(AdvertisementCodec.Validate(p, Source, TestAddresses.Group, new ReceiverExpectations(VrrpVersion.V2, auth, password, Duration.FromSeconds(1))), Is.EqualTo(expected));
    }

    [TestCase(VrrpVersion.V2)]
    [TestCase(VrrpVersion.V3)]
    public void Wrong_version_is_a_well_formed_advert_of_the_other_version(VrrpVersion cluster)
    {
        byte[] p = Write(FloodKind.WrongVersion, 0, cluster);
        Assert.That(AdvertisementCodec.TryDecode(p, Source, TestAddresses.Group, null, out Advertisement? a, out _), Is.True);
        Assert.That(a!.Version, Is.Not.EqualTo(cluster));
        Assert.That(a.Priority, Is.EqualTo(254));
        Assert.That(AdvertisementCodec.Validate(p, Source, TestAddresses.Group, new ReceiverExpectations(cluster, AuthType.None, null, Duration.FromSeconds(1))), Is.EqualTo(AdvertDropReason.BadVersion));
    }
}
