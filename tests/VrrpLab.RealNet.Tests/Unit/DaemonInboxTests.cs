using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Time;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The event loop's input queue.</summary>
public sealed class DaemonInboxTests
{
    [Test]
    public void Inputs_are_taken_in_the_order_they_were_posted()
    {
        using var inbox = new DaemonInbox(new MonotonicClock(TimeProvider.System));
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
        using var inbox = new DaemonInbox(new MonotonicClock(TimeProvider.System));
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
        using var inbox = new DaemonInbox(new MonotonicClock(TimeProvider.System));
        var poster = new Thread(() => inbox.Post(new LinkInput("eth0", false)));
        poster.Start();
        inbox.Wait(null);
        poster.Join();
        Assert.That(inbox.TryTake(out _), Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public void After_a_wake_up_and_after_a_timer_the_next_wait_sleeps_until_its_own_timer()
    {
        using var inbox = new DaemonInbox(new MonotonicClock(TimeProvider.System));
        inbox.Post(new LinkInput("eth0", false));
        Assert.That(inbox.TryTake(out _), Is.True);
        inbox.Wait(null); // the queue is empty: the eventfd wakes this wait (and must be reset by it)
        var timeout = Engine.Time.Duration.FromMilliseconds(30);

        // Whatever woke the previous wait (the eventfd, then the timerfd) must not wake the next one early:
        // a lower bound only, the machine's speed cannot make it fail.
        for (int i = 0; i < 2; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            inbox.Wait(timeout);
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(29)), $"wait {i + 1} slept until its timer");
        }
    }

    [Test]
    public void Each_input_is_stamped_with_the_instant_it_was_posted_on_the_loops_clock()
    {
        var time = new ManualTime();
        using var inbox = new DaemonInbox(new MonotonicClock(time));
        time.Microseconds = 1_500;
        inbox.Post(new LinkInput("eth0", false));
        time.Microseconds = 2_750;
        inbox.Post(new LinkInput("eth0", true));
        time.Microseconds = 9_000; // taking them later does not change their stamps
        Assert.Multiple(() =>
        {
            Assert.That(inbox.TryTake(out _, out Engine.Time.Instant first), Is.True);
            Assert.That(first, Is.EqualTo(new Engine.Time.Instant(1_500)));
            Assert.That(inbox.TryTake(out _, out Engine.Time.Instant second), Is.True);
            Assert.That(second, Is.EqualTo(new Engine.Time.Instant(2_750)));
        });
    }

    [Test]
    public void Posting_after_the_daemon_stopped_is_ignored()
    {
        var inbox = new DaemonInbox(new MonotonicClock(TimeProvider.System));
        inbox.Dispose();
        Assert.DoesNotThrow(() => inbox.Post(new LinkInput("eth0", true)));
    }
}
