namespace VrrpLab.Engine.Tests.Codec;

/// <summary>FsCheck properties of the codec: round trip, totality, and single-bit corruption detection.</summary>
public sealed class CodecProperties
{
    /// <summary>A valid advert to send, with its addresses and chosen v3 IPv4 checksum form.</summary>
    public sealed record Sample(Advertisement Advert, IPAddress Source, IPAddress Destination, V3ChecksumForm Form)
    {
        public override string ToString() =>
            $"{Advert.Version} vrid {Advert.VirtualRouterId} prio {Advert.Priority} intvl {Advert.AdvertInterval} " +
            $"auth {Advert.AuthType} '{Advert.AuthData}' addrs [{string.Join(", ", Advert.Addresses)}] {Source} -> {Destination} {Form}";
    }

    private static Gen<IPAddress> Address(int size) => FuzzBytes.OfLength(size).Select(b => new IPAddress(b));

    private static readonly Gen<string> Password =
        Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Choose(0x21, 0x7E).Select(c => (char)c), n)).Select(c => new string(c));

    private static readonly Gen<Sample> ValidSamples =
        from v3 in Gen.Elements(false, true)
        from ipv6 in v3 ? Gen.Elements(false, true) : Gen.Constant(false)
        from vrid in Gen.Choose(1, 255)
        from prio in Gen.Choose(0, 255)
        from interval in v3 ? Gen.Choose(1, AdvertisementCodec.MaxV3IntervalCentiseconds) : Gen.Choose(1, 255)
        from count in Gen.Choose(v3 ? 1 : 0, 12)
        from addresses in Gen.ArrayOf(Address(ipv6 ? 16 : 4), count)
        from source in Address(ipv6 ? 16 : 4)
        from multicast in Gen.Elements(true, false)
        from unicastPeer in Address(ipv6 ? 16 : 4)
        from auth in v3 ? Gen.Constant(AuthType.None) : Gen.Elements(AuthType.None, AuthType.SimpleText)
        from pass in auth == AuthType.SimpleText ? Password : Gen.Constant("")
        from form in Gen.Elements(V3ChecksumForm.PseudoHeader, V3ChecksumForm.MessageOnly)
        let destination = multicast ? (ipv6 ? TestAddresses.Group6 : TestAddresses.Group) : unicastPeer
        let advert = new Advertisement(
            v3 ? VrrpVersion.V3 : VrrpVersion.V2, (byte)vrid, (byte)prio,
            v3 ? Duration.FromCentiseconds(interval) : Duration.FromSeconds(interval),
            [.. addresses], auth, pass)
        select new Sample(advert, source, destination, form);

    private static ReceiverExpectations ExpectationsOf(Advertisement a) => new(a.Version, a.AuthType, a.AuthData, a.AdvertInterval);

    [FsProperty(MaxTest = 500)]
    public Property Encode_then_decode_gives_the_same_advert_for_v2_v3_IPv4_IPv6_and_both_checksum_forms() =>
        Prop.ForAll(ValidSamples.ToArbitrary(), s =>
        {
            byte[] bytes = AdvertisementCodec.Encode(s.Advert, s.Source, s.Destination, s.Form);
            bool ok = AdvertisementCodec.TryDecode(bytes, s.Source, s.Destination, ExpectationsOf(s.Advert), out Advertisement? d, out AdvertDropReason reason);
            return (ok
                && TestPackets.Fields(d!) == TestPackets.Fields(s.Advert)
                && bytes.Length == AdvertisementCodec.EncodedLength(s.Advert))
                .Label($"reason {reason}, bytes {Convert.ToHexStringLower(bytes)}");
        });

    [FsProperty(MaxTest = 300)]
    public Property V3_IPv4_verifies_with_exactly_the_form_it_was_sent_with() =>
        Prop.ForAll(ValidSamples.Where(s => s.Advert.Version == VrrpVersion.V3 && s.Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToArbitrary(), s =>
        {
            byte[] bytes = AdvertisementCodec.Encode(s.Advert, s.Source, s.Destination, s.Form);
            AdvertisementInspection i = AdvertisementCodec.Inspect(bytes, s.Source, s.Destination);
            // Both forms can verify only if the pseudo-header sums to zero (one's complement); then pseudo-header is reported.
            return i.IsValid && (i.VerifiedV3Form == s.Form || (i.ChecksumV3PseudoHeader == CheckOutcome.Pass && i.ChecksumV3MessageOnly == CheckOutcome.Pass));
        });

    [FsProperty(MaxTest = 300)]
    public Property A_single_flipped_bit_is_always_dropped_unless_the_other_v3_checksum_form_happens_to_verify() =>
        Prop.ForAll(ValidSamples.SelectMany(s => Gen.Choose(0, (AdvertisementCodec.EncodedLength(s.Advert) * 8) - 1).Select(bit => (s, bit))).ToArbitrary(), t =>
        {
            (Sample s, int bit) = t;
            byte[] bytes = AdvertisementCodec.Encode(s.Advert, s.Source, s.Destination, s.Form);
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            bool ok = AdvertisementCodec.TryDecode(bytes, s.Source, s.Destination, null, out _, out AdvertDropReason reason);
            if (!ok)
            {
                return true.Label(reason.ToString());
            }

            AdvertisementInspection i = AdvertisementCodec.Inspect(bytes, s.Source, s.Destination);
            return (s.Advert.Version == VrrpVersion.V3 && i.VerifiedV3Form is { } f && f != s.Form)
                .Label($"bit {bit} flipped and still accepted: {Convert.ToHexStringLower(bytes)}");
        });

    private static readonly Gen<(IPAddress Source, IPAddress Destination)> Endpoints = Gen.Elements(
        (TestAddresses.Source, TestAddresses.Group),
        (TestAddresses.Source6, TestAddresses.Group6),
        (TestAddresses.Source, IPAddress.Parse("192.0.2.11")));

    private static readonly Gen<ReceiverExpectations?> AnyExpectations = Gen.Elements<ReceiverExpectations?>(
        null,
        TestPackets.SeedExpectations,
        new ReceiverExpectations(VrrpVersion.V3, AuthType.None, null, Duration.FromSeconds(1)),
        new ReceiverExpectations(VrrpVersion.V2, AuthType.None, null, Duration.FromSeconds(1)));

    private static bool DecodeAgreesWithInspect(byte[] bytes, IPAddress source, IPAddress destination, ReceiverExpectations? e)
    {
        bool ok = AdvertisementCodec.TryDecode(bytes, source, destination, e, out Advertisement? advert, out AdvertDropReason reason);
        AdvertisementInspection i = AdvertisementCodec.Inspect(bytes, source, destination, e);
        return ok == (reason == AdvertDropReason.None)
            && (advert is not null) == ok
            && i.Reason == reason
            && AdvertisementCodec.Validate(bytes, source, destination, e) == reason
            && (i.Advertisement is not null) == ok;
    }

    [FsProperty(MaxTest = 1000)]
    public Property Random_bytes_never_throw_and_Inspect_gives_the_same_verdict_as_TryDecode() =>
        Prop.ForAll(
            (from bytes in FuzzBytes.StartingOften(80, 0x21, 0x31, 0x22, 0x41)
             from ends in Endpoints
             from e in AnyExpectations
             select (bytes, ends, e)).ToArbitrary(),
            t => DecodeAgreesWithInspect(t.bytes, t.ends.Source, t.ends.Destination, t.e).Label(Convert.ToHexStringLower(t.bytes)));

    [FsProperty(MaxTest = 1000)]
    public Property Mutated_valid_packets_never_throw_and_Inspect_gives_the_same_verdict_as_TryDecode() =>
        Prop.ForAll(
            (from s in ValidSamples
             from cut in Gen.Choose(-12, 12)
             from pos in Gen.Choose(0, 200)
             from value in Gen.Choose(0, 255)
             from e in AnyExpectations
             select (s, cut, pos, value, e)).ToArbitrary(),
            t =>
            {
                byte[] bytes = AdvertisementCodec.Encode(t.s.Advert, t.s.Source, t.s.Destination, t.s.Form);
                byte[] mutated = t.cut < 0
                    ? bytes[..Math.Max(0, bytes.Length + t.cut)]
                    : [.. bytes, .. new byte[t.cut]];
                if (mutated.Length > 0)
                {
                    mutated[t.pos % mutated.Length] = (byte)t.value;
                }

                return DecodeAgreesWithInspect(mutated, t.s.Source, t.s.Destination, t.e).Label(Convert.ToHexStringLower(mutated));
            });

    [FsProperty(MaxTest = 300)]
    public Property Ipv4Header_TryParse_never_throws_on_random_bytes() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => b.Length > 0 ? [(byte)(0x40 | (b[0] & 0x0F)), .. b[1..]] : b).ToArbitrary(), bytes =>
        {
            bool ok = Ipv4Header.TryParse(bytes, out Ipv4Header h, out int len);
            return !ok || (len == h.HeaderLength && h.TotalLength <= bytes.Length && len >= 20 && h.Payload(bytes).Length == h.PayloadLength);
        });
}
