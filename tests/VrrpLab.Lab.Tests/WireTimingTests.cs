namespace VrrpLab.Lab.Tests;

/// <summary>Flood starts and report senders timed from the bridge capture (recorded observations, no root).</summary>
public class WireTimingTests
{
    [Test]
    public void A_flood_is_timed_from_its_first_datagram_on_the_wire_not_from_the_generators_exec()
    {
        // Due at 10 s, exec'd 0.6 ms late; the generator's first datagram crossed the bridge 42 ms after its exec.
        (long first, long late, string timing) = WireTiming.FloodStart(10_000_000, 10_000_600, [9_000_000, 10_042_600, 10_047_600, 10_052_600])!.Value;
        Assert.That(first, Is.EqualTo(10_042_600), "a datagram before the exec (an earlier flood) is not this one's");
        Assert.That(late, Is.EqualTo(42_600));
        Assert.That(timing, Is.EqualTo("wire: first datagram at 10.0426s, +42.0ms after the generator's exec (+0.6ms late)"));
    }

    [Test]
    public void A_flood_whose_datagrams_were_not_captured_keeps_its_exec_timing()
    {
        Assert.That(WireTiming.FloodStart(10_000_000, 10_000_600, []), Is.Null);
        Assert.That(WireTiming.FloodStart(10_000_000, 10_000_600, [20_000_000]), Is.Null, "more than 5 s after the exec: not its start");
    }

    [Test]
    public void The_link_local_source_of_a_report_is_the_interfaces_modified_eui64()
    {
        // Seen on the wire: fe:0c:64:d2:e2:70 sent its MLDv2 report from fe80::fc0c:64ff:fed2:e270.
        Assert.That(WireTiming.LinkLocalOf("fe:0c:64:d2:e2:70"), Is.EqualTo(IPAddress.Parse("fe80::fc0c:64ff:fed2:e270")));
        Assert.That(WireTiming.LinkLocalOf("02:00:00:00:00:01"), Is.EqualTo(IPAddress.Parse("fe80::ff:fe00:1")));
    }
}
