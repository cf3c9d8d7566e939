using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Daemon;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The event loop's input queue.</summary>
public sealed class DaemonInboxTests
{
    [Test]
    public void Inputs_are_taken_in_the_order_they_were_posted()
    {
        using var inbox = new DaemonInbox();
        inbox.Post(new LinkInput("eth0", false));
        inbox.Post(new LinkInput("eth0", true));
        var taken = new List<RouterInput?>();
        while (inbox.TryTake(out RouterInput? i))
        {
            taken.Add(i);
        }

        Assert.That(taken, Is.EqualTo(new RouterInput[] { new LinkInput("eth0", false), new LinkInput("eth0", true) }));
    }

    [Test]
    [CancelAfter(10_000)]
    public void Waiting_with_an_input_queued_returns_without_waiting_for_the_timer()
    {
        using var inbox = new DaemonInbox();
        inbox.Post(new LinkInput("eth0", false));
        inbox.TryTake(out _);
        inbox.Post(new LinkInput("eth0", true));
        inbox.Wait(null); // would block forever if the queued input were ignored
        Assert.That(inbox.TryTake(out RouterInput? i) ? i : null, Is.EqualTo(new LinkInput("eth0", true)));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_post_from_another_thread_wakes_a_loop_waiting_without_a_timer()
    {
        using var inbox = new DaemonInbox();
        var poster = new Thread(() => inbox.Post(new LinkInput("eth0", false)));
        poster.Start();
        inbox.Wait(null);
        poster.Join();
        Assert.That(inbox.TryTake(out _), Is.True);
    }

    [Test]
    public void Posting_after_the_daemon_stopped_is_ignored()
    {
        var inbox = new DaemonInbox();
        inbox.Dispose();
        Assert.DoesNotThrow(() => inbox.Post(new LinkInput("eth0", true)));
    }
}
