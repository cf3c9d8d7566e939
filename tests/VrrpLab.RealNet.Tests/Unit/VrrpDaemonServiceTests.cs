using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Time;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The daemon's event loop driving the real engine, with the host replaced by recording fakes.</summary>
public sealed class VrrpDaemonServiceTests
{
    private static readonly VrrpInstanceConfig Owner = new()
    {
        Name = "VI_1",
        Interface = "eth0",
        VirtualRouterId = 7,
        Priority = 255,
        VirtualAddresses = [VirtualAddress.Host(IPAddress.Parse("192.0.2.1"))],
    };

    private static readonly VrrpInstanceConfig Backup = Owner with { Priority = 100 };

    private static (VrrpDaemonService Service, FakePorts Ports, DaemonInbox Inbox, DaemonCounters Counters) Make(VrrpInstanceConfig instance, TimeProvider? time = null)
    {
        var ports = new FakePorts();
        var config = new RouterConfig { Instances = [instance] };
        var router = new VrrpRouter(config, [new RouterInterface("eth0", IPAddress.Parse("192.0.2.10"))]);
        var clock = new MonotonicClock(time ?? TimeProvider.System);
        var inbox = new DaemonInbox(clock);
        var counters = new DaemonCounters();
        var performer = new EffectPerformer(ports, ports, ports, ports, ports.Log, counters);
        var service = new VrrpDaemonService(
            router, clock, inbox, performer, ports.Log,
            [], () => ports.Calls.Add("ready"));
        return (service, ports, inbox, counters);
    }

    /// <summary>Starts the daemon for <paramref name="instance"/>, runs <paramref name="whileRunning"/>, stops it
    /// (as SIGTERM does) and disposes it.</summary>
    private static async Task<(VrrpDaemonService Service, FakePorts Ports)> StartAndStop(
        VrrpInstanceConfig instance, Func<DaemonInbox, DaemonCounters, Task> whileRunning)
    {
        var (service, ports, inbox, counters) = Make(instance);
        using (inbox)
        using (service)
        {
            await service.StartAsync(CancellationToken.None);
            await whileRunning(inbox, counters);
            await service.StopAsync(CancellationToken.None);
        }

        return (service, ports);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Sigterm_on_a_master_sends_priority_0_then_removes_its_vips_before_the_daemon_ends()
    {
        var (_, ports) = await StartAndStop(Owner, (_, _) => Task.CompletedTask);

        int ready = ports.Calls.IndexOf("ready");
        int lastSend = ports.Calls.FindLastIndex(c => c.StartsWith("send ", StringComparison.Ordinal));
        int removed = ports.Calls.IndexOf("del 192.0.2.1/32 eth0");
        Assert.Multiple(() =>
        {
            Assert.That(ports.Calls.Take(ready), Does.Contain("add 192.0.2.1/32 eth0"), "the owner is MASTER before readiness is reported");
            Assert.That(ports.Sent[^1][2], Is.EqualTo(0), "the last advert carries priority 0");
            Assert.That(lastSend, Is.LessThan(removed), "priority 0 goes out before the VIP is removed");
            Assert.That(ports.LogLines, Does.Contain("(VI_1) sent 0 priority"));
            Assert.That(ports.LogLines[^1], Is.EqualTo("Stopped vrrplab daemon"));
            Assert.That(ports.LogLines, Has.Some.Match(@"^Stats: received 0, malformed 0, dropped 0, sent \d+ adverts"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Packets_the_engine_drops_are_counted_by_reason_and_the_daemon_keeps_running()
    {
        var (service, ports) = await StartAndStop(Owner, async (inbox, counters) =>
        {
            inbox.Post(new PacketInput("eth0", IPAddress.Parse("192.0.2.99"), IPAddress.Parse("224.0.0.18"), 255, [0x21]));
            inbox.Post(new PacketInput("eth0", IPAddress.Parse("192.0.2.99"), IPAddress.Parse("224.0.0.18"), 254, new byte[20]));
            while (counters.DroppedByEngine < 2)
            {
                await Task.Delay(10); // the loop thread handles them; the test is bounded by CancelAfter
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(service.Failure, Is.Null);
            Assert.That(ports.LogLines, Has.Some.Match(@"^Stats: received 0, malformed 0, dropped 2 \((TooShort 1, BadTtl 1|BadTtl 1, TooShort 1)\)"));
        });
    }

    /// <summary>A MASTER's advert at priority 200 for VRID 7, as it arrives from 192.0.2.20.</summary>
    private static PacketInput HigherPriorityAdvert() => new(
        "eth0", IPAddress.Parse("192.0.2.20"), IPAddress.Parse("224.0.0.18"), 255,
        AdvertisementCodec.Encode(
            new Advertisement(VrrpVersion.V2, 7, 200, Duration.FromSeconds(1), [IPAddress.Parse("192.0.2.1")]),
            IPAddress.Parse("192.0.2.20"), IPAddress.Parse("224.0.0.18"), V3ChecksumForm.PseudoHeader));

    /// <summary>A BACKUP on manual time: the higher-priority advert is posted <paramref name="postedUs"/> and
    /// the loop runs <paramref name="loopUs"/> from its Master_Down deadline; <paramref name="check"/> sees
    /// the daemon, its ports and that deadline before the daemon is disposed.</summary>
    private static void AdvertAroundMasterDown(long postedUs, long loopUs, Action<VrrpDaemonService, FakePorts, Instant> check)
    {
        var time = new ManualTime();
        var (service, ports, inbox, _) = Make(Backup, time);
        using (inbox)
        using (service)
        {
            service.StartEngine();
            Instant masterDown = service.Router.NextDeadline;
            Assert.That(service.Router.Instances[0].State, Is.EqualTo(VrrpState.Backup));
            time.Microseconds = masterDown.Microseconds + postedUs;
            inbox.Post(HigherPriorityAdvert());
            time.Microseconds = masterDown.Microseconds + loopUs;
            service.RunPending();
            check(service, ports, masterDown);
        }
    }

    // postedUs: when the advert arrived, relative to the BACKUP's Master_Down deadline; loopUs: when the loop
    // got to it. (-1000, +5000): the loop woke 6 ms late (a loaded host); (-500, -500): the loop woke for the
    // advert itself within the 1 ms early tolerance of the timer, which must not fire first either.
    [TestCase(-1_000, 5_000)]
    [TestCase(-500, -500)]
    [TestCase(-1, 100_000)]
    public void An_advert_that_arrived_before_the_master_down_timer_fell_due_keeps_the_backup_however_late_the_loop_runs(long postedUs, long loopUs) =>
        AdvertAroundMasterDown(postedUs, loopUs, (service, ports, masterDown) => Assert.Multiple(() =>
        {
            Assert.That(service.Router.Instances[0].State, Is.EqualTo(VrrpState.Backup));
            Assert.That(ports.LogLines, Has.None.Contains("Entering MASTER STATE"));
            Assert.That(service.Router.NextDeadline, Is.GreaterThan(masterDown), "the advert restarted the Master_Down timer");
        }));

    [Test]
    public void An_advert_that_arrived_after_the_master_down_timer_fell_due_comes_after_the_takeover() =>
        AdvertAroundMasterDown(1_000, 5_000, (service, ports, _) =>
        {
            string[] lines = ports.LogLines;
            int master = Array.FindIndex(lines, l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal));
            int backup = Array.FindLastIndex(lines, l => l.Contains("Entering BACKUP STATE", StringComparison.Ordinal));
            Assert.Multiple(() =>
            {
                Assert.That(master, Is.GreaterThanOrEqualTo(0), "the timer fired first: MASTER");
                Assert.That(backup, Is.GreaterThan(master), "then the higher-priority advert sent it back to BACKUP");
                Assert.That(service.Router.Instances[0].State, Is.EqualTo(VrrpState.Backup));
            });
        });
}
