using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Daemon;
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

    private static (VrrpDaemonService Service, FakePorts Ports, DaemonInbox Inbox, DaemonCounters Counters) Make(VrrpInstanceConfig instance)
    {
        var ports = new FakePorts();
        var config = new RouterConfig { Instances = [instance] };
        var router = new VrrpRouter(config, [new RouterInterface("eth0", IPAddress.Parse("192.0.2.10"))]);
        var inbox = new DaemonInbox();
        var counters = new DaemonCounters();
        var performer = new EffectPerformer(ports, ports, ports, ports, ports.Log, counters);
        var service = new VrrpDaemonService(
            router, new MonotonicClock(TimeProvider.System), inbox, performer, ports.Log,
            [], () => ports.Calls.Add("ready"));
        return (service, ports, inbox, counters);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Sigterm_on_a_master_sends_priority_0_then_removes_its_vips_before_the_daemon_ends()
    {
        var (service, ports, inbox, _) = Make(Owner);
        using (inbox)
        using (service)
        {
            await service.StartAsync(CancellationToken.None);
            await service.StopAsync(CancellationToken.None);
        }

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
        var (service, ports, inbox, counters) = Make(Owner);
        using (inbox)
        using (service)
        {
            await service.StartAsync(CancellationToken.None);
            inbox.Post(new PacketInput("eth0", IPAddress.Parse("192.0.2.99"), IPAddress.Parse("224.0.0.18"), 255, [0x21]));
            inbox.Post(new PacketInput("eth0", IPAddress.Parse("192.0.2.99"), IPAddress.Parse("224.0.0.18"), 254, new byte[20]));
            while (counters.DroppedByEngine < 2)
            {
                await Task.Delay(10); // the loop thread handles them; the test is bounded by CancelAfter
            }

            await service.StopAsync(CancellationToken.None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(service.Failure, Is.Null);
            Assert.That(ports.LogLines, Has.Some.Match(@"^Stats: received 0, malformed 0, dropped 2 \((TooShort 1, BadTtl 1|BadTtl 1, TooShort 1)\)"));
        });
    }
}
