using VrrpLab.RealNet.Daemon;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The hardened daemon's event loop asks for SCHED_RR 1 for itself only, and says what it got.</summary>
public sealed class RealtimeSchedulingTests
{
    [Test]
    public void The_calling_thread_becomes_sched_rr_priority_1_and_other_threads_stay_time_sharing()
    {
        string? line = null;
        (int Policy, int Priority) inside = default;
        var thread = new Thread(() =>
        {
            line = RealtimeScheduling.ApplyToCurrentThread();
            inside = RealtimeScheduling.OfCurrentThread();
        });
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromSeconds(10)), Is.True);

        Assert.Multiple(() =>
        {
            // CI runs as root (CAP_SYS_NICE); the unit gives LimitRTPRIO=1 instead.
            Assert.That(inside, Is.EqualTo((Libc.SchedRr, RealtimeScheduling.EventLoopPriority)), line);
            Assert.That(line, Is.EqualTo("Event loop scheduling: SCHED_RR priority 1 (adverts on time on a loaded host)"));
            Assert.That(RealtimeScheduling.OfCurrentThread(), Is.EqualTo((Libc.SchedOther, 0)), "the test's own thread is untouched");
        });
    }

    [Test]
    public void A_refusal_is_reported_and_the_thread_keeps_time_sharing()
    {
        string? line = null;
        (int Policy, int Priority) inside = default;
        var thread = new Thread(() =>
        {
            line = RealtimeScheduling.ApplyToCurrentThread(priority: 100); // out of range: EINVAL, as EPERM would be
            inside = RealtimeScheduling.OfCurrentThread();
        });
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromSeconds(10)), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(inside, Is.EqualTo((Libc.SchedOther, 0)));
            Assert.That(line, Does.StartWith("Event loop scheduling: SCHED_RR refused (Invalid argument), running time-sharing"));
        });
    }
}
