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

    [Test]
    public unsafe void The_runtimes_signal_thread_is_found_and_moved_to_sched_rr_1()
    {
        // A registration makes the runtime start its signal thread (the daemon registers SIGTERM first).
        using var registration = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => { });
        int tid = SignalThread();
        Assert.That(tid, Is.GreaterThan(0), "the runtime names its signal thread \".NET SigHandler\"");
        try
        {
            Assert.That(RealtimeScheduling.ApplyToRuntimeSignalThread(), Is.True);
            var param = default(Libc.SchedParam);
            _ = Libc.SchedGetParam(tid, &param);
            Assert.That((Libc.SchedGetScheduler(tid), param.Priority), Is.EqualTo((Libc.SchedRr, RealtimeScheduling.EventLoopPriority)));
        }
        finally
        {
            var other = new Libc.SchedParam { Priority = 0 };
            _ = Libc.SchedSetScheduler(tid, Libc.SchedOther, &other);
        }
    }

    [Test]
    public void A_thread_handed_back_to_time_sharing_leaves_sched_rr()
    {
        (int Policy, int Priority) during = default, after = default;
        var thread = new Thread(() =>
        {
            _ = RealtimeScheduling.TryApplyToCurrentThread();
            during = RealtimeScheduling.OfCurrentThread();
            RealtimeScheduling.RevertCurrentThread();
            after = RealtimeScheduling.OfCurrentThread();
        });
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromSeconds(10)), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(during, Is.EqualTo((Libc.SchedRr, RealtimeScheduling.EventLoopPriority)));
            Assert.That(after, Is.EqualTo((Libc.SchedOther, 0)));
        });
    }

    private static int SignalThread()
    {
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ".NET SigHandler")
                {
                    return int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
        }

        return 0;
    }
}
