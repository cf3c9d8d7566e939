namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary><see cref="VrrpRouter.Logging"/> off drops keepalived's log lines and nothing else.</summary>
public class RouterLoggingTests
{
    /// <summary>A life with every kind of log line: start, election, a lower and a higher advert, a bad TTL, a link flap, a stop.</summary>
    private static (List<string> Effects, int Logs) Life(bool logging)
    {
        var h = new RouterHarness(RouterHarness.Config(priority: 100));
        h.Router.Logging = logging;
        h.Start();
        h.RunUntilSeconds(5);
        h.Receive(T.S(5.1), 50, TestAddresses.Lower);
        h.Receive(T.S(5.2), 200, TestAddresses.Peer, ttl: 64);
        h.Receive(T.S(5.3), 200, TestAddresses.Peer);
        h.RunUntilSeconds(9);
        h.Link(T.S(9.5), "eth0", false);
        h.Link(T.S(10), "eth0", true);
        h.RunUntilSeconds(20);
        h.Shutdown(T.S(21));
        List<string> effects = [.. h.Effects.Where(e => e.Effect is not LogLine).Select(e => $"{e.At} {e.Effect}")];
        return (effects, h.Effects.Count(e => e.Effect is LogLine));
    }

    [Test]
    public void Logging_off_returns_the_same_effects_without_the_log_lines()
    {
        (List<string> on, int onLogs) = Life(logging: true);
        (List<string> off, int offLogs) = Life(logging: false);
        Assert.That(onLogs, Is.GreaterThan(5), "the life logs (else the test proves nothing)");
        Assert.That(offLogs, Is.Zero);
        Assert.That(off, Is.EqualTo(on));
        Assert.That(on.Count(e => e.Contains("StateChanged", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(3));
    }
}
