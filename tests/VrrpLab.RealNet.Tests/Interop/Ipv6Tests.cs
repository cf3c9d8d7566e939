using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// VRRPv3 over IPv6 (RFC 9568: ff02::12, hop limit 255, sent from the link-local address) on the
/// namespace LAN: election, and a graceful stop moving the VIP after the backup's Skew_Time, with
/// vrrplab on both sides and beside keepalived 2.2.7 in both roles.
/// </summary>
public sealed class Ipv6Tests : NamespaceTest
{
    private const string Vip = "fd00:77::100";

    private static string Config(string routerId, int priority) => string.Create(CultureInfo.InvariantCulture, $$"""
        global_defs {
            router_id {{routerId}}
        }
        vrrp_instance VI_6 {
            state BACKUP
            interface eth0
            virtual_router_id 61
            priority {{priority}}
            version 3
            advert_int 1
            virtual_ipaddress {
                {{Vip}}/64
            }
        }
        """);

    private static bool HoldsVip(LanHost host) =>
        Shell.Ip("-n", host.Namespace, "-6", "addr", "show", "dev", host.Interface).Contains(Vip + "/64", StringComparison.Ordinal);

    [TestCase(PeerKind.Vrrplab, PeerKind.Vrrplab)]
    [TestCase(PeerKind.Keepalived, PeerKind.Vrrplab)]
    [TestCase(PeerKind.Vrrplab, PeerKind.Keepalived)]
    public void V3_over_ipv6_elects_the_higher_priority_and_a_sigterm_moves_the_vip_after_the_backups_skew(PeerKind highKind, PeerKind lowKind)
    {
        using NamespaceLan lan = NamespaceLan.Create("h1", "h2");
        LanHost h1 = lan["h1"];
        LanHost h2 = lan["h2"];
        using VrrpPeer high = VrrpPeer.Create(highKind, h1, "h1", lan.WorkDirectory);
        using VrrpPeer low = VrrpPeer.Create(lowKind, h2, "h2", lan.WorkDirectory);
        string Logs() => "\n--- h1 ---\n" + high.Log.Tail() + "\n--- h2 ---\n" + low.Log.Tail();

        // v3, interval 1 s: Skew(50) = 206 x 1 s / 256 = 804.687 ms; MDI(100) = 3.609 s, MDI(50) = 3.805 s.
        // The high peer is BACKUP (its down timer armed) before the low one starts, so it times out first
        // whatever either implementation's start-up time is on this machine.
        high.Start(Config("h1", 100));
        high.WaitForBackup("VI_6", PeerPair.Slack);
        low.Start(Config("h2", 50));
        low.WaitForBackup("VI_6", PeerPair.Slack);
        high.WaitForMaster("VI_6", TimeSpan.FromSeconds(3.609) + PeerPair.Slack);
        Eventually.Until(() => HoldsVip(h1), PeerPair.Slack, "h1 holds the IPv6 VIP", Logs);

        // The backup accepts the master's IPv6 adverts: it stays BACKUP for more than one MDI.
        string? broken = Eventually.Throughout(() => !HoldsVip(h2), TimeSpan.FromSeconds(4), "h2 stays BACKUP without the VIP");
        Assert.That(broken, Is.Null, broken + Logs());
        Assert.That(low.Log.Lines.Any(l => VrrpPeer.EnteringMaster("VI_6").IsMatch(l.Text)), Is.False, "h2 never became MASTER" + Logs());

        int mark = low.Log.Lines.Count;
        TimeSpan stopAt = high.SendTerminate();
        LogLine took = low.WaitForMaster("VI_6", PeerPair.Slack, mark);
        Eventually.Until(() => HoldsVip(h2) && !HoldsVip(h1), PeerPair.Slack, "the VIP moved to h2", Logs);
        TimeSpan after = took.At - stopAt;
        Assert.That(after, Is.InRange(TimeSpan.FromMilliseconds(804 - 30), TimeSpan.FromMilliseconds(804 + 400)),
            $"takeover {after.TotalMilliseconds:F0} ms after SIGTERM, expected the backup's skew (805 ms)" + Logs());
    }
}
