using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>
/// The daemon's main thread waits in <see cref="TerminationWait"/>: SIGTERM interrupts it directly (the
/// fast path to the priority-0 advert), every other signal leaves it asleep, and a release ends it.
/// The signals go to the waiting thread only (tgkill), once it sleeps in ppoll.
/// </summary>
public sealed partial class TerminationWaitTests
{
    /// <summary>SIGWINCH (ignored by default).</summary>
    private const int SigWinch = 28;

    [Test]
    public void A_release_ends_the_wait_as_released()
    {
        using var wait = new TerminationWait();
        wait.Release();
        Assert.That(wait.Wait(), Is.EqualTo(TerminationWait.Outcome.Released));
    }

    [Test]
    public void A_wait_with_a_timeout_ends_as_timed_out_and_a_release_still_ends_the_next()
    {
        using var wait = new TerminationWait();
        Assert.That(wait.Wait(TimeSpan.FromMilliseconds(20)), Is.EqualTo(TerminationWait.Outcome.TimedOut));
        wait.Release();
        Assert.That(wait.Wait(TimeSpan.FromSeconds(30)), Is.EqualTo(TerminationWait.Outcome.Released));
    }

    [Test]
    public void Sigterm_to_the_waiting_thread_ends_the_wait_as_signalled()
    {
        // The runtime's handler must be installed and must not end the test host: a cancelling registration.
        int relayed = 0;
        using var registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Interlocked.Increment(ref relayed);
        });
        using var wait = new TerminationWait();
        (TerminationWait.Outcome outcome, int tid) = WaitOnThread(wait, tid => TgKill(Environment.ProcessId, tid, Libc.SigTerm));

        Assert.That(outcome, Is.EqualTo(TerminationWait.Outcome.Signalled), $"thread {tid}");
        Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref relayed) == 1, TimeSpan.FromSeconds(10)), Is.True,
            "the runtime's handler still ran and relayed SIGTERM to the registrations (the host's stop)");
    }

    [Test]
    public void Another_signal_leaves_the_wait_asleep_until_released()
    {
        using var wait = new TerminationWait();
        (TerminationWait.Outcome outcome, _) = WaitOnThread(wait, tid =>
        {
            // SIGWINCH is blocked during the wait: it stays pending instead of interrupting it; the
            // release is what ends the wait (it would be Signalled had SIGWINCH interrupted the ppoll).
            int r = TgKill(Environment.ProcessId, tid, SigWinch);
            wait.Release();
            return r;
        });

        Assert.That(outcome, Is.EqualTo(TerminationWait.Outcome.Released));
    }

    /// <summary>Runs the wait on a new thread, calls <paramref name="poke"/> once it sleeps in ppoll, and returns how it ended.</summary>
    private static (TerminationWait.Outcome Outcome, int Tid) WaitOnThread(TerminationWait wait, Func<int, int> poke)
    {
        int tid = 0;
        TerminationWait.Outcome outcome = TerminationWait.Outcome.Failed;
        var thread = new Thread(() =>
        {
            Volatile.Write(ref tid, GetTid());
            outcome = wait.Wait();
        })
        {
            IsBackground = true,
        };
        thread.Start();
        try
        {
            Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref tid) != 0 && InPpoll(tid), TimeSpan.FromSeconds(10)), Is.True,
                "the thread sleeps in ppoll");
            Assert.That(poke(tid), Is.Zero, "tgkill");
            Assert.That(thread.Join(TimeSpan.FromSeconds(10)), Is.True, "the wait ended");
        }
        finally
        {
            wait.Release();
            thread.Join(TimeSpan.FromSeconds(10));
        }

        return (outcome, tid);
    }

    /// <summary>Whether thread <paramref name="tid"/> sleeps in the ppoll system call (/proc/self/task/TID/syscall).</summary>
    private static bool InPpoll(int tid)
    {
        int ppoll = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 271,
            Architecture.Arm64 => 73,
            _ => throw new PlatformNotSupportedException("ppoll's system call number for " + RuntimeInformation.ProcessArchitecture),
        };
        try
        {
            string line = File.ReadAllText($"/proc/self/task/{tid}/syscall");
            return line.Split(' ')[0] == ppoll.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "tgkill", SetLastError = true)]
    private static partial int TgKill(int processId, int threadId, int signal);
}
