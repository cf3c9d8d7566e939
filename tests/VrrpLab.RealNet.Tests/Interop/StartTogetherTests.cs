using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// Two hosts booted together, both <c>state BACKUP</c> + <c>nopreempt</c> (the seed article's setup):
/// whoever times out first becomes MASTER for good, so a daemon that starts slower than keepalived loses
/// an election keepalived would win. A mixed pair must elect exactly as a keepalived pair does.
/// </summary>
/// <remarks>
/// VRRPv3 with advert_int 2 and priorities 250/50: Master_Down_Interval 6.047 s against 7.609 s, so the
/// outcome is the protocol's whatever either daemon's start-up costs on a loaded machine, up to 1.5 s.
/// </remarks>
public sealed class StartTogetherTests : NamespaceTest
{
    private static VrrpInstanceSpec Spec(int priority) => new()
    {
        Priority = priority,
        Version = 3,
        AdvertIntervalMs = 2000,
        Nopreempt = true,
    };

    [TestCase(PeerKind.Keepalived, PeerKind.Keepalived)]
    [TestCase(PeerKind.Vrrplab, PeerKind.Keepalived)]
    [TestCase(PeerKind.Keepalived, PeerKind.Vrrplab)]
    [TestCase(PeerKind.Vrrplab, PeerKind.Vrrplab)]
    public void Started_together_the_higher_priority_becomes_master_and_the_other_never_does(PeerKind highKind, PeerKind lowKind)
    {
        VrrpInstanceSpec high = Spec(250);
        VrrpInstanceSpec low = Spec(50);
        using PeerPair pair = PeerPair.Create(highKind, high, lowKind, low);

        VrrpPeer.StartTogether(pair.High, high.ToConfig("h1"), pair.Low, low.ToConfig("h2"));
        pair.High.WaitForBackup(pair.Instance, PeerPair.Slack);
        pair.Low.WaitForBackup(pair.Instance, PeerPair.Slack);
        pair.WaitForHolder(pair.High, high.MasterDownInterval + PeerPair.Slack, "the start-up election");
        // The low one would have timed out 1.56 s after the high one: give it that and more.
        Thread.Sleep(low.MasterDownInterval - high.MasterDownInterval + TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(pair.SoleHolder(), Is.SameAs(pair.High), pair.Diagnostics());
            Assert.That(pair.Low.Log.Find(VrrpPeer.EnteringMaster(pair.Instance)), Is.Null, "the low-priority peer never became MASTER\n" + pair.Diagnostics());
            Assert.That(pair.High.Log.Find(VrrpPeer.EnteringMaster(pair.Instance)), Is.Not.Null, pair.Diagnostics());
        });
    }
}
