using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// tshark, as an independent dissector, reads the adverts a master puts on its cable: TTL 255
/// (RFC 3768 section 5.2.3 / RFC 9568 section 5.1.1.3), the configured fields, a good checksum. keepalived
/// runs the same checks as the baseline that shows the expectations are right.
/// </summary>
public sealed class WireTests : NamespaceTest
{
    [TestCase(PeerKind.Vrrplab, 2)]
    [TestCase(PeerKind.Vrrplab, 3)]
    [TestCase(PeerKind.Keepalived, 2)]
    [TestCase(PeerKind.Keepalived, 3)]
    public void Masters_adverts_decode_with_ttl_255_the_configured_fields_and_a_good_checksum(PeerKind kind, int version)
    {
        using NamespaceLan lan = NamespaceLan.Create("h1", "client");
        LanHost host = lan["h1"];
        var spec = new VrrpInstanceSpec
        {
            VirtualRouterId = 77,
            Priority = 150,
            Version = version,
            AuthPass = version == 2 ? "vlpass1" : null,
            VirtualAddress = IPAddress.Parse("10.77.0.177"),
        };
        using VrrpPeer peer = VrrpPeer.Create(kind, host, "h1", lan.WorkDirectory);
        peer.Start(spec.ToConfig("h1"));
        peer.WaitForMaster(spec.Name, spec.MasterDownInterval + PeerPair.Slack);
        Eventually.Until(() => host.Holds(spec.VirtualAddress), PeerPair.Slack, "the VIP on h1", () => peer.Log.Tail());

        IReadOnlyList<DecodedAdvert> adverts;
        using (PacketCapture capture = PacketCapture.Start(lan, host))
        {
            Thread.Sleep((2 * spec.AdvertInterval) + TimeSpan.FromMilliseconds(500));
            adverts = capture.StopAndDecode();
        }

        Assert.That(adverts, Has.Count.GreaterThanOrEqualTo(2), "one advert per advert_int");
        Assert.Multiple(() =>
        {
            foreach (DecodedAdvert a in adverts)
            {
                Assert.That(a.Ttl, Is.EqualTo("255"), "TTL");
                Assert.That(a.Source, Is.EqualTo(host.Address.ToString()), "source = the interface's primary address");
                Assert.That(a.Destination, Is.EqualTo("224.0.0.18"), "destination = the VRRP group");
                Assert.That(a.EthernetSource, Is.EqualTo(host.Mac), "sent from the interface's own MAC (no use_vmac)");
                Assert.That(a.Version, Is.EqualTo(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version");
                Assert.That(a.VirtualRouterId, Is.EqualTo("77"), "VRID");
                Assert.That(a.Priority, Is.EqualTo("150"), "priority");
                Assert.That(a.AddressCount, Is.EqualTo("1"), "address count");
                Assert.That(a.Addresses, Is.EqualTo("10.77.0.177"), "the virtual address");
                Assert.That(a.AdvertInterval, Is.EqualTo(version == 2 ? "1" : "100"), "interval: 1 s (v2) / 100 cs (v3)");
                Assert.That(a.ChecksumStatus, Is.EqualTo("1"), "tshark finds the checksum good (v3: RFC 5798 pseudo-header form)");
                if (version == 2)
                {
                    Assert.That(a.AuthType, Is.EqualTo("1"), "auth type 1 = simple text (PASS)");
                    Assert.That(a.AuthString, Is.EqualTo("vlpass1"), "the password");
                }
            }
        });
    }
}
