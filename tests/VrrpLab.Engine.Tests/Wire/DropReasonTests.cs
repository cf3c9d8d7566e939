using static VrrpLab.Engine.Tests.Codec.TestPackets;
using static VrrpLab.Tests.Shared.TestAddresses;

namespace VrrpLab.Engine.Tests.Codec;

/// <summary>One test per drop reason the codec decides, plus keepalived's check order.</summary>
public sealed class DropReasonTests
{
    private static AdvertDropReason Decode(byte[] message, ReceiverExpectations? expectations = null, IPAddress? source = null, IPAddress? destination = null)
    {
        bool ok = AdvertisementCodec.TryDecode(message, source ?? Source, destination ?? Group, expectations, out Advertisement? advert, out AdvertDropReason reason);
        Assert.That(ok, Is.EqualTo(reason == AdvertDropReason.None));
        Assert.That(advert is null, Is.EqualTo(!ok), "an advert exactly when accepted");
        return reason;
    }

    [Test]
    public void The_seed_advert_is_accepted_by_the_seed_backup() =>
        Assert.That(Decode(EncodeSeed(), SeedExpectations), Is.EqualTo(AdvertDropReason.None));

    [Test]
    public void Fewer_bytes_than_the_fixed_header_is_TooShort() =>
        Assert.That(Decode(EncodeSeed()[..7]), Is.EqualTo(AdvertDropReason.TooShort));

    [Test]
    public void A_count_announcing_more_addresses_than_present_is_TooShort() =>
        Assert.That(Decode(SeedWithByte(3, 2)), Is.EqualTo(AdvertDropReason.TooShort));

    [Test]
    public void V2_without_its_8_bytes_of_auth_data_is_TooShort() =>
        Assert.That(Decode(WithChecksum(EncodeSeed()[..12])), Is.EqualTo(AdvertDropReason.TooShort));

    [Test]
    public void Trailing_bytes_beyond_the_announced_length_are_a_LengthMismatch()
    {
        byte[] m = [.. EncodeSeed(), 0, 0, 0, 0];
        Assert.That(Decode(WithChecksum(m)), Is.EqualTo(AdvertDropReason.LengthMismatch));
    }

    [TestCase(0x11)]
    [TestCase(0x41)]
    [TestCase(0xF1)]
    public void A_version_other_than_2_or_3_is_BadVersion(int versionType) =>
        Assert.That(Decode(SeedWithByte(0, (byte)versionType)), Is.EqualTo(AdvertDropReason.BadVersion));

    [Test]
    public void A_v3_advert_at_a_v2_receiver_is_BadVersion()
    {
        byte[] v3 = AdvertisementCodec.Encode(V3Advert(), Source, Group, V3ChecksumForm.PseudoHeader);
        Assert.That(Decode(v3, new ReceiverExpectations(VrrpVersion.V2, AuthType.None, null, Duration.FromSeconds(1))), Is.EqualTo(AdvertDropReason.BadVersion));
        Assert.That(Decode(v3, new ReceiverExpectations(VrrpVersion.V3, AuthType.None, null, Duration.FromSeconds(1))), Is.EqualTo(AdvertDropReason.None));
    }

    [Test]
    public void V2_over_IPv6_is_BadVersion_because_RFC3768_is_IPv4_only()
    {
        byte[] m = EncodeSeed();
        Assert.That(Decode(m, null, Source6, Group6), Is.EqualTo(AdvertDropReason.BadVersion));
    }

    [Test]
    public void V2_auth_type_differing_from_the_receivers_is_AuthTypeMismatch()
    {
        var noAuth = new ReceiverExpectations(VrrpVersion.V2, AuthType.None, null, Duration.FromSeconds(5));
        Assert.That(Decode(EncodeSeed(), noAuth), Is.EqualTo(AdvertDropReason.AuthTypeMismatch));
    }

    [Test]
    public void V2_wrong_password_is_AuthFailure()
    {
        ReceiverExpectations wrong = SeedExpectations with { AuthPassword = "1112" };
        Assert.That(Decode(EncodeSeed(), wrong), Is.EqualTo(AdvertDropReason.AuthFailure));
    }

    [Test]
    public void V2_password_is_compared_on_all_8_bytes_so_a_prefix_is_not_enough()
    {
        ReceiverExpectations prefix = SeedExpectations with { AuthPassword = "111" };
        Assert.That(Decode(EncodeSeed(), prefix), Is.EqualTo(AdvertDropReason.AuthFailure));
    }

    [Test]
    public void V2_passwords_longer_than_8_bytes_are_truncated_like_keepalived_on_both_sides()
    {
        Advertisement advert = SeedAdvert() with { AuthData = "123456789" };
        byte[] m = AdvertisementCodec.Encode(advert, Source, Group, V3ChecksumForm.PseudoHeader);
        Assert.That(Convert.ToHexStringLower(m[^8..]), Is.EqualTo("3132333435363738"));
        Assert.That(Decode(m, SeedExpectations with { AuthPassword = "12345678" }), Is.EqualTo(AdvertDropReason.None));
    }

    [Test]
    public void V2_interval_differing_from_the_receivers_is_IntervalMismatch()
    {
        ReceiverExpectations oneSecond = SeedExpectations with { AdvertInterval = Duration.FromSeconds(1) };
        Assert.That(Decode(EncodeSeed(), oneSecond), Is.EqualTo(AdvertDropReason.IntervalMismatch));
    }

    [Test]
    public void V3_interval_differing_from_the_receivers_is_not_dropped_keepalived_only_logs_it()
    {
        byte[] v3 = AdvertisementCodec.Encode(V3Advert(centiseconds: 50), Source, Group, V3ChecksumForm.PseudoHeader);
        Assert.That(Decode(v3, new ReceiverExpectations(VrrpVersion.V3, AuthType.None, null, Duration.FromSeconds(1))), Is.EqualTo(AdvertDropReason.None));
    }

    [Test]
    public void A_type_other_than_1_is_BadType() =>
        Assert.That(Decode(SeedWithByte(0, 0x22)), Is.EqualTo(AdvertDropReason.BadType));

    [Test]
    public void A_v2_checksum_that_does_not_verify_is_BadChecksum()
    {
        byte[] m = EncodeSeed();
        m[7] ^= 0x01;
        Assert.That(Decode(m), Is.EqualTo(AdvertDropReason.BadChecksum));
    }

    [Test]
    public void A_v3_IPv4_checksum_that_verifies_in_neither_form_is_BadChecksum()
    {
        byte[] m = AdvertisementCodec.Encode(V3Advert(), Source, Group, V3ChecksumForm.PseudoHeader);
        Assert.That(Decode(m, null, IPAddress.Parse("192.0.2.11")), Is.EqualTo(AdvertDropReason.BadChecksum), "pseudo-header form from another source");
        byte[] plain = AdvertisementCodec.Encode(V3Advert(), Source, Group, V3ChecksumForm.MessageOnly);
        Assert.That(Decode(plain, null, IPAddress.Parse("192.0.2.11")), Is.EqualTo(AdvertDropReason.None), "the RFC 9568 form does not depend on the source");
    }

    [Test]
    public void A_v3_IPv6_message_checksummed_without_pseudo_header_is_BadChecksum()
    {
        byte[] m = AdvertisementCodec.Encode(V3Advert(vips: "2001:db8::1"), Source6, Group6, V3ChecksumForm.PseudoHeader);
        byte[] plain = WithChecksum(m);
        Assert.That(Decode(m, null, Source6, Group6), Is.EqualTo(AdvertDropReason.None));
        Assert.That(Decode(plain, null, Source6, Group6), Is.EqualTo(AdvertDropReason.BadChecksum));
    }

    [Test]
    public void An_interval_of_zero_is_ZeroInterval()
    {
        byte[] v2 = AdvertisementCodec.Encode(SeedAdvert() with { AdvertInterval = Duration.Zero }, Source, Group, V3ChecksumForm.PseudoHeader);
        byte[] v3 = AdvertisementCodec.Encode(V3Advert(centiseconds: 0), Source, Group, V3ChecksumForm.PseudoHeader);
        Assert.That(Decode(v2), Is.EqualTo(AdvertDropReason.ZeroInterval));
        Assert.That(Decode(v3), Is.EqualTo(AdvertDropReason.ZeroInterval));
    }

    [Test]
    public void A_v3_advert_without_addresses_is_NoAddresses()
    {
        Advertisement empty = V3Advert() with { Addresses = [] };
        byte[] m = AdvertisementCodec.Encode(empty, Source, Group, V3ChecksumForm.PseudoHeader);
        Assert.That(m, Has.Length.EqualTo(8));
        Assert.That(Decode(m), Is.EqualTo(AdvertDropReason.NoAddresses));
    }

    [Test]
    public void VRID_0_is_InvalidVrid()
    {
        byte[] m = AdvertisementCodec.Encode(SeedAdvert() with { VirtualRouterId = 0 }, Source, Group, V3ChecksumForm.PseudoHeader);
        Assert.That(Decode(m), Is.EqualTo(AdvertDropReason.InvalidVrid));
    }

    [Test]
    public void Source_and_destination_of_different_families_is_BadIpHeader() =>
        Assert.That(Decode(EncodeSeed(), null, Source, Group6), Is.EqualTo(AdvertDropReason.BadIpHeader));

    [Test]
    public void Auth_is_checked_before_the_checksum_as_keepalived_does()
    {
        byte[] m = EncodeSeed();
        m[7] ^= 0xFF;
        Assert.That(Decode(m, SeedExpectations with { AuthPassword = "x" }), Is.EqualTo(AdvertDropReason.AuthFailure));
        Assert.That(Decode(m, SeedExpectations), Is.EqualTo(AdvertDropReason.BadChecksum));
    }

    [Test]
    public void Without_expectations_auth_and_interval_are_not_judged() =>
        Assert.That(Decode(EncodeSeed()), Is.EqualTo(AdvertDropReason.None));

    [Test]
    public void Priority_0_resignation_decodes_as_a_valid_advert()
    {
        bool ok = AdvertisementCodec.TryDecode(EncodeSeed(priority: 0), Source, Group, SeedExpectations, out Advertisement? advert, out _);
        Assert.That(ok, Is.True);
        Assert.That(advert!.IsResignation, Is.True);
    }

    [Test]
    public void V3_reserved_bits_are_ignored_on_receive()
    {
        byte[] m = AdvertisementCodec.Encode(V3Advert(), Source, Group, V3ChecksumForm.MessageOnly);
        m[4] |= 0xF0;
        bool ok = AdvertisementCodec.TryDecode(WithChecksum(m), Source, Group, null, out Advertisement? advert, out _);
        Assert.That(ok, Is.True);
        Assert.That(advert!.AdvertInterval, Is.EqualTo(Duration.FromSeconds(1)));
    }
}
