namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>The hand-made packets of the spoofing tests match the golden vectors of docs/domain.md section 2.</summary>
[TestFixture]
public sealed class CraftedPacketTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.10");

    [Test]
    public void V2_advert_matches_the_golden_vector()
    {
        byte[] m = CraftedPacket.Advertisement(2, 7, 100, 1, [Vip], authPass: null, Source);
        Assert.That(Convert.ToHexStringLower(m), Is.EqualTo("210764010001b8f4c0000201" + "0000000000000000"));
    }

    [Test]
    public void V3_advert_with_pseudo_header_checksum_matches_the_golden_vector()
    {
        byte[] m = CraftedPacket.Advertisement(3, 7, 255, 100, [Vip], authPass: null, Source);
        Assert.That(Convert.ToHexStringLower(m), Is.EqualTo("3107ff0100646af7c0000201"));
    }

    [Test]
    public void Corrupted_checksum_no_longer_sums_to_zero()
    {
        byte[] good = CraftedPacket.Advertisement(2, 7, 100, 1, [Vip], "secret", Source);
        byte[] bad = CraftedPacket.Advertisement(2, 7, 100, 1, [Vip], "secret", Source, corruptChecksum: true);
        Assert.That(CraftedPacket.InternetChecksum(good), Is.Zero, "a correct message sums to 0xffff (checksum 0)");
        Assert.That(CraftedPacket.InternetChecksum(bad), Is.Not.Zero);
    }

    [Test]
    public void Ipv4_header_carries_the_ttl_protocol_112_and_a_valid_header_checksum()
    {
        byte[] p = CraftedPacket.Ipv4(Source, CraftedPacket.VrrpGroup, 254, new byte[20]);
        Assert.That(p[8], Is.EqualTo(254));
        Assert.That(p[9], Is.EqualTo(112));
        Assert.That(p.Length, Is.EqualTo(40));
        Assert.That(CraftedPacket.InternetChecksum(p.AsSpan(0, 20)), Is.Zero);
    }
}
