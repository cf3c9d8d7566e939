using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// A third host sends a burst of adverts that would each move the VIP if accepted (priority 254 to the
/// master, priority 0 "from the master" to the backup) but are invalid: TTL 254, wrong password, bad
/// checksum, wrong interval, wrong version, truncated. Nothing may change. keepalived is the baseline.
/// </summary>
public sealed partial class SpoofingTests : NamespaceTest
{
    private const int Rounds = 10;

    [TestCase(PeerKind.Vrrplab)]
    [TestCase(PeerKind.Keepalived)]
    public void A_burst_of_spoofed_and_malformed_adverts_changes_nothing(PeerKind kind)
    {
        using PeerPair pair = PeerPair.Create(kind, PairCases.Spec(2, 100), kind, PairCases.Spec(2, 50));
        pair.StartAndElect();
        int highMark = pair.High.Log.Count;
        int lowMark = pair.Low.Log.Count;

        IReadOnlyList<byte[]> burst = Burst(pair);
        using (RawIpSender sender = RawIpSender.Open(pair.Spare))
        {
            for (int round = 0; round < Rounds; round++)
            {
                foreach (byte[] packet in burst)
                {
                    sender.Send(packet, CraftedPacket.VrrpGroup);
                }

                Thread.Sleep(20);
            }
        }

        // Accepting any of them would move the VIP within the backup's Skew_Time (priority 0) or at once (254).
        string? broke = Eventually.Throughout(
            () => pair.SoleHolder() == pair.High && pair.High.IsRunning && pair.Low.IsRunning,
            pair.LowSpec.MasterDownInterval,
            "h1 alone holding the VIP with both peers running");
        Assert.That(broke, Is.Null, pair.Diagnostics());
        Assert.That(pair.High.Log.Find(new Regex("Entering (BACKUP|FAULT) STATE"), highMark), Is.Null, "the master changed no state\n" + pair.Diagnostics());
        Assert.That(pair.Low.Log.Find(new Regex("Entering (MASTER|FAULT) STATE"), lowMark), Is.Null, "the backup changed no state\n" + pair.Diagnostics());
        Assert.That(PeerPair.RejectedAdverts(pair.High, highMark), Is.Not.Empty, "the master logged the rejected packets\n" + pair.High.Log.Tail());
        Assert.That(PeerPair.RejectedAdverts(pair.Low, lowMark), Is.Not.Empty, "the backup logged the rejected packets\n" + pair.Low.Log.Tail());

        if (kind == PeerKind.Vrrplab)
        {
            // The daemon counts what it rejected and reports the counters when it stops. The master never sees
            // the packets forged with its own source address: Linux drops a received packet whose source is a
            // local address before any socket gets it. Nor does either see what the socket filter drops in the
            // kernel (off-link TTL, version 1, truncated: the hardened filter decides those).
            RealNet.Native.Libc.SockFilter[] filter = VrrpSocketFilter.Build(AddressFamily.InterNetwork, PacketPolicy.Hardened, [new VrrpSocketFilter.Target(VrrpVersion.V2, 51)]);
            List<byte[]> reachSocket = burst.Where(p => VrrpSocketFilter.Run(filter, p) > 0).ToList();
            Assert.That(burst.Count - reachSocket.Count, Is.EqualTo(4), "the kernel filter drops both off-link TTLs, version 1 and the truncated advert");
            AssertCounted(pair.High, Rounds * reachSocket.Count(p => !IsFrom(p, pair.High.Host.Address)));
            AssertCounted(pair.Low, Rounds * reachSocket.Count);
        }
    }

    private static bool IsFrom(byte[] ipPacket, IPAddress source) => new IPAddress(ipPacket.AsSpan(12, 4)).Equals(source);

    private static void AssertCounted(VrrpPeer daemon, int expected)
    {
        daemon.Stop(PeerPair.Slack);
        Match summary = CounterSummary().Match(string.Join('\n', daemon.Log.Lines.Select(l => l.Text)));
        Assert.That(summary.Success, Is.True, $"{daemon.Describe()} logs its counters at shutdown\n" + daemon.Log.Tail());
        long rejected = long.Parse(summary.Groups["malformed"].Value, System.Globalization.CultureInfo.InvariantCulture)
            + long.Parse(summary.Groups["dropped"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(rejected, Is.GreaterThanOrEqualTo(expected), $"{daemon.Describe()} counted every spoofed packet it received as malformed or dropped: {summary.Value}");
    }

    /// <summary>One of each invalid packet, all from the spare host's interface.</summary>
    private static List<byte[]> Burst(PeerPair pair)
    {
        IPAddress[] vip = [pair.Vip];
        IPAddress spare = pair.Spare.Address;
        IPAddress master = pair.High.Host.Address;
        IPAddress group = CraftedPacket.VrrpGroup;
        const string pass = "vlpass1";
        byte[] Advert(int prio, IPAddress src, string? password = pass, int interval = 1, bool corrupt = false) =>
            CraftedPacket.Advertisement(2, 51, prio, interval, vip, password, src, corrupt);

        byte[] wrongVersion = Advert(254, spare);
        wrongVersion[0] = 0x11; // version 1, type 1: checksum still right
        wrongVersion[6] = 0;
        wrongVersion[7] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(wrongVersion.AsSpan(6), CraftedPacket.InternetChecksum(wrongVersion));

        return
        [
            CraftedPacket.Ipv4(spare, group, 254, Advert(254, spare)),                      // off-link TTL
            CraftedPacket.Ipv4(spare, group, 255, Advert(254, spare, "wrongpw")),           // wrong password
            CraftedPacket.Ipv4(spare, group, 255, Advert(254, spare, password: null)),     // no authentication
            CraftedPacket.Ipv4(spare, group, 255, Advert(254, spare, corrupt: true)),       // bad checksum
            CraftedPacket.Ipv4(spare, group, 255, Advert(254, spare, interval: 3)),         // interval mismatch
            CraftedPacket.Ipv4(spare, group, 255, wrongVersion),                            // version 1
            CraftedPacket.Ipv4(spare, group, 255, Advert(254, spare).AsSpan(0, 6)),               // truncated
            CraftedPacket.Ipv4(master, group, 254, Advert(0, master)),                      // spoofed resignation, off-link TTL
            CraftedPacket.Ipv4(master, group, 255, Advert(0, master, "wrongpw")),           // spoofed resignation, wrong password
            CraftedPacket.Ipv4(master, group, 255, Advert(0, master, corrupt: true)),       // spoofed resignation, bad checksum
        ];
    }

    [GeneratedRegex(@"malformed (?<malformed>\d+), dropped (?<dropped>\d+)")]
    private static partial Regex CounterSummary();
}
