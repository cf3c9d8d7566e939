using System.Net.NetworkInformation;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>VRRPv3 over IPv6: receive metadata and the unsolicited Neighbor Advertisement.</summary>
public sealed class Ipv6Tests
{
    private static byte[] Cmsg(int level, int type, byte[] data)
    {
        int len = 16 + data.Length;
        byte[] c = new byte[(len + 7) & ~7];
        BitConverter.GetBytes((long)len).CopyTo(c, 0);
        BitConverter.GetBytes(level).CopyTo(c, 8);
        BitConverter.GetBytes(type).CopyTo(c, 12);
        data.CopyTo(c, 16);
        return c;
    }

    [Test]
    public void Hop_limit_and_destination_come_from_the_control_messages()
    {
        byte[] pktinfo = [.. IPAddress.Parse("ff02::12").GetAddressBytes(), .. BitConverter.GetBytes(6)];
        byte[] control = [.. Cmsg(41, 50, pktinfo), .. Cmsg(41, 52, BitConverter.GetBytes(254))];
        var (hopLimit, destination) = Ipv6ControlMessages.Read(control);
        Assert.Multiple(() =>
        {
            Assert.That(hopLimit, Is.EqualTo(254), "reported as received, so the engine can reject it");
            Assert.That(destination, Is.EqualTo(IPAddress.Parse("ff02::12")));
        });
    }

    [Test]
    public void Missing_control_messages_are_reported_as_absent()
    {
        Assert.That(Ipv6ControlMessages.Read([]), Is.EqualTo((-1, (IPAddress?)null)));
    }

    [FsProperty]
    public bool Reading_arbitrary_control_data_never_throws(byte[] bytes)
    {
        _ = Ipv6ControlMessages.Read(bytes ?? []);
        return true;
    }

    [Test]
    public void Neighbour_advert_overrides_caches_with_the_vip_and_our_mac()
    {
        byte[] m = UnsolicitedNeighbourAdvert.Build(PhysicalAddress.Parse("be-d9-db-c6-f2-0e"), IPAddress.Parse("2001:db8::100"));
        Assert.That(
            Convert.ToHexString(m).ToLowerInvariant(),
            Is.EqualTo("88000000" + "20000000" + "20010db8000000000000000000000100" + "0201" + "bed9dbc6f20e"));
    }
}
