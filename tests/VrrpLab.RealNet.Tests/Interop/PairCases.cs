using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// The pairs every failover test runs on: two vrrplab daemons (v2 with PASS, v3), mixed pairs with
/// keepalived 2.2.7 in either role, and keepalived with keepalived as the baseline that shows the
/// test's expectations are keepalived's own behaviour.
/// </summary>
public static class PairCases
{
    /// <summary>(high-priority kind, low-priority kind, VRRP version).</summary>
    public static IEnumerable<TestCaseData> All()
    {
        yield return Case(PeerKind.Vrrplab, PeerKind.Vrrplab, 2);
        yield return Case(PeerKind.Vrrplab, PeerKind.Vrrplab, 3);
        yield return Case(PeerKind.Keepalived, PeerKind.Vrrplab, 2);
        yield return Case(PeerKind.Vrrplab, PeerKind.Keepalived, 2);
        yield return Case(PeerKind.Keepalived, PeerKind.Vrrplab, 3);
        yield return Case(PeerKind.Vrrplab, PeerKind.Keepalived, 3);
        yield return Case(PeerKind.Keepalived, PeerKind.Keepalived, 2);
    }

    /// <summary>The instance a peer of <paramref name="priority"/> runs: VRID 51, advert_int 1, v2 with PASS "vlpass1" or v3.</summary>
    public static VrrpInstanceSpec Spec(int version, int priority, bool nopreempt = false) => new()
    {
        Priority = priority,
        Version = version,
        AuthPass = version == 2 ? "vlpass1" : null,
        Nopreempt = nopreempt,
    };

    /// <summary>
    /// The v2 master's instance (priority 100) with <paramref name="preamble"/> (the block that declares the
    /// tracked object) before it and a <paramref name="track"/> block (<c>track_file</c>, <c>track_process</c>)
    /// naming <paramref name="name"/> inside it.
    /// </summary>
    public static VrrpInstanceSpec MasterTracking(string preamble, string track, string name) => Spec(2, 100) with
    {
        Preamble = preamble,
        InstanceLines = $"    {track} {{\n        {name}\n    }}",
    };

    private static TestCaseData Case(PeerKind high, PeerKind low, int version) =>
        new TestCaseData(high, low, version).SetArgDisplayNames($"{high}-master", $"{low}-backup", $"v{version}");
}
