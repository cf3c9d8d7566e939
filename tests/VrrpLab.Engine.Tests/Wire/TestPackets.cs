using static VrrpLab.Tests.Shared.TestAddresses;

namespace VrrpLab.Engine.Tests.Codec;

/// <summary>Shared packets and an independent checksum for the wire tests.</summary>
internal static class TestPackets
{
    /// <summary>The seed article's master advert: VRID 151, prio 100, PASS 1111, advert_int 5, VIP 192.168.179.199.</summary>
    public static Advertisement SeedAdvert(byte priority = 100) => new(
        VrrpVersion.V2, 151, priority, Duration.FromSeconds(5),
        [IPAddress.Parse("192.168.179.199")], AuthType.SimpleText, "1111");

    /// <summary>What the seed article's receiving instance expects.</summary>
    public static ReceiverExpectations SeedExpectations =>
        new(VrrpVersion.V2, AuthType.SimpleText, "1111", Duration.FromSeconds(5));

    public static Advertisement V3Advert(byte vrid = 7, byte priority = 255, long centiseconds = 100, params string[] vips) => new(
        VrrpVersion.V3, vrid, priority, Duration.FromCentiseconds(centiseconds),
        [.. (vips.Length == 0 ? ["192.0.2.1"] : vips).Select(IPAddress.Parse)]);

    /// <summary>Every field of <paramref name="a"/>, compared by value (its addresses in order, as text).</summary>
    public static (VrrpVersion Version, byte Vrid, byte Priority, Duration Interval, string Addresses, AuthType Auth, string AuthData) Fields(Advertisement a) =>
        (a.Version, a.VirtualRouterId, a.Priority, a.AdvertInterval, string.Join(" ", a.Addresses), a.AuthType, a.AuthData);

    public static byte[] EncodeSeed(byte priority = 100) =>
        AdvertisementCodec.Encode(SeedAdvert(priority), Source, Group, V3ChecksumForm.PseudoHeader);

    /// <summary>The seed advert's bytes with byte <paramref name="offset"/> set to <paramref name="value"/> and a correct v2 checksum.</summary>
    public static byte[] SeedWithByte(int offset, byte value)
    {
        byte[] m = EncodeSeed();
        m[offset] = value;
        return WithChecksum(m);
    }

    /// <summary>
    /// Rewrites bytes 6-7 with a correct checksum computed here, independently of the codec:
    /// message only (v2, RFC 9568) or with the IPv4 pseudo-header.
    /// </summary>
    public static byte[] WithChecksum(byte[] message, bool pseudoHeader = false, IPAddress? source = null, IPAddress? destination = null)
    {
        byte[] m = (byte[])message.Clone();
        m[6] = 0;
        m[7] = 0;
        var words = new List<byte>();
        if (pseudoHeader)
        {
            words.AddRange((source ?? Source).GetAddressBytes());
            words.AddRange((destination ?? Group).GetAddressBytes());
            words.AddRange([0, 112, (byte)(m.Length >> 8), (byte)m.Length]);
        }

        words.AddRange(m);
        if (words.Count % 2 == 1)
        {
            words.Add(0);
        }

        long sum = 0;
        for (int i = 0; i < words.Count; i += 2)
        {
            sum += (words[i] << 8) | words[i + 1];
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        ushort checksum = (ushort)~sum;
        m[6] = (byte)(checksum >> 8);
        m[7] = (byte)checksum;
        return m;
    }
}
