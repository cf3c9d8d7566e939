using System.Collections.Immutable;
using static VrrpLab.Tests.Shared.TestAddresses;

namespace VrrpLab.Engine.Tests.Codec;

/// <summary>
/// Golden byte vectors. domain.md section 2 gives the first three; the PASS vectors were computed
/// independently (a separate Python one's-complement sum) and confirmed by tshark 4.0.17 as
/// "checksum status: Good" (see docs/codec.md).
/// </summary>
public sealed class GoldenVectorTests
{
    private static readonly ImmutableArray<IPAddress> Vip = [IPAddress.Parse("192.0.2.1")];

    private static Advertisement V2(byte vrid, byte prio, long seconds, ImmutableArray<IPAddress> vips, AuthType auth = AuthType.None, string pass = "") =>
        new(VrrpVersion.V2, vrid, prio, Duration.FromSeconds(seconds), vips, auth, pass);

    private static Advertisement V3(byte vrid, byte prio, long centiseconds, ImmutableArray<IPAddress> vips) =>
        new(VrrpVersion.V3, vrid, prio, Duration.FromCentiseconds(centiseconds), vips);

    public static IEnumerable<TestCaseData> Vectors()
    {
        yield return new TestCaseData(V2(7, 100, 1, Vip), V3ChecksumForm.PseudoHeader, "210764010001b8f4c0000201" + "0000000000000000")
            .SetName("V2_prio100_interval1s_no_auth_matches_domain_vector");
        yield return new TestCaseData(V3(7, 255, 100, Vip), V3ChecksumForm.MessageOnly, "3107ff0100640d91c0000201")
            .SetName("V3_prio255_100cs_rfc9568_checksum_matches_domain_vector");
        yield return new TestCaseData(V3(7, 255, 100, Vip), V3ChecksumForm.PseudoHeader, "3107ff0100646af7c0000201")
            .SetName("V3_prio255_100cs_pseudo_header_checksum_matches_domain_vector");
        yield return new TestCaseData(V2(7, 100, 1, Vip, AuthType.SimpleText, "secret"), V3ChecksumForm.PseudoHeader, "2107640101017ba8c0000201" + "7365637265740000")
            .SetName("V2_PASS_secret_is_zero_padded_after_the_addresses");
        yield return new TestCaseData(V2(151, 100, 5, [IPAddress.Parse("192.168.179.199")], AuthType.SimpleText, "1111"), V3ChecksumForm.PseudoHeader, "219764010105a28fc0a8b3c7" + "3131313100000000")
            .SetName("V2_seed_article_master_advert_vrid151_prio100_PASS1111_interval5s");
        yield return new TestCaseData(V2(151, 50, 5, [IPAddress.Parse("192.168.179.199")], AuthType.SimpleText, "1111"), V3ChecksumForm.PseudoHeader, "219732010105d48fc0a8b3c7" + "3131313100000000")
            .SetName("V2_seed_article_backup_advert_vrid151_prio50");
    }

    [TestCaseSource(nameof(Vectors))]
    public void Encode_produces_the_golden_bytes(Advertisement advert, V3ChecksumForm form, string hex)
    {
        byte[] bytes = AdvertisementCodec.Encode(advert, Source, Group, form);

        Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo(hex));
    }

    [TestCaseSource(nameof(Vectors))]
    public void Span_encode_writes_the_same_bytes_and_returns_their_count(Advertisement advert, V3ChecksumForm form, string hex)
    {
        Span<byte> buffer = stackalloc byte[64];
        buffer.Fill(0xEE);

        int written = AdvertisementCodec.Encode(advert, Source, Group, form, buffer);

        Assert.That(written, Is.EqualTo(hex.Length / 2));
        Assert.That(Convert.ToHexStringLower(buffer[..written]), Is.EqualTo(hex));
        Assert.That(buffer[written], Is.EqualTo(0xEE), "nothing written past the message");
    }

    [TestCaseSource(nameof(Vectors))]
    public void Decode_of_the_golden_bytes_gives_the_advert_back(Advertisement advert, V3ChecksumForm form, string hex)
    {
        var expectations = new ReceiverExpectations(advert.Version, advert.AuthType, advert.AuthData, advert.AdvertInterval);

        bool ok = AdvertisementCodec.TryDecode(Convert.FromHexString(hex), Source, Group, expectations, out Advertisement? decoded, out AdvertDropReason reason);

        Assert.That(ok, Is.True, $"dropped: {reason}");
        Assert.That(reason, Is.EqualTo(AdvertDropReason.None));
        Assert.That(TestPackets.Fields(decoded!), Is.EqualTo(TestPackets.Fields(advert)));
    }

    [Test]
    public void V3_pseudo_header_vector_reports_which_form_verified()
    {
        AdvertisementInspection pseudo = AdvertisementCodec.Inspect(Convert.FromHexString("3107ff0100646af7c0000201"), Source, Group);
        AdvertisementInspection plain = AdvertisementCodec.Inspect(Convert.FromHexString("3107ff0100640d91c0000201"), Source, Group);

        Assert.That(pseudo.VerifiedV3Form, Is.EqualTo(V3ChecksumForm.PseudoHeader));
        Assert.That(pseudo.ChecksumV3MessageOnly, Is.EqualTo(CheckOutcome.Fail));
        Assert.That(plain.VerifiedV3Form, Is.EqualTo(V3ChecksumForm.MessageOnly));
        Assert.That(plain.ChecksumV3PseudoHeader, Is.EqualTo(CheckOutcome.Fail));
    }

    [Test]
    public void V3_over_IPv6_always_uses_the_pseudo_header_whatever_form_is_asked()
    {
        IPAddress src = IPAddress.Parse("fe80::10");
        IPAddress dst = IPAddress.Parse("ff02::12");
        Advertisement advert = V3(7, 200, 100, [IPAddress.Parse("2001:db8::1")]);

        byte[] a = AdvertisementCodec.Encode(advert, src, dst, V3ChecksumForm.PseudoHeader);
        byte[] b = AdvertisementCodec.Encode(advert, src, dst, V3ChecksumForm.MessageOnly);
        byte[] otherSource = AdvertisementCodec.Encode(advert, IPAddress.Parse("fe80::11"), dst, V3ChecksumForm.MessageOnly);

        Assert.That(b, Is.EqualTo(a));
        Assert.That(a.Length, Is.EqualTo(8 + 16));
        Assert.That(otherSource[6..8], Is.Not.EqualTo(a[6..8]), "the checksum covers the source address");
    }
}
