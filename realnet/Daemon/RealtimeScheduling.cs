using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// The hardened daemon's event loop (the thread that sends adverts and fires every VRRP timer) runs
/// at the lowest real-time priority, SCHED_RR 1: above every ordinary thread of the host, below every
/// real-time one (the kernel's own). On a loaded host an ordinary thread wakes up tens of ms after
/// its deadline (measured under a flood on a busy 2-core machine: largest gap between a MASTER's
/// adverts 1002-1176 ms at <c>advert_int 1</c>; with SCHED_RR 1, 1000.3-1000.5 ms), which a
/// Master_Down_Interval forgives but an operator reading "adverts every second" should not see.
/// keepalived 2.2.7 runs time-sharing unless <c>vrrp_rt_priority</c> asks otherwise.
/// </summary>
/// <remarks>
/// Safe because the loop blocks between deadlines and inputs and does bounded work per wake-up; the
/// hardened receive threads run at the same priority (an advert must be read, and stamped, before the
/// timer it stops fires) and stay cheap under a flood (a batch per system call, a 1 ms nap between
/// batches: 0.1-0.2 % of a core at 20,000 datagrams/s); the kernel's real-time throttling
/// (<c>sched_rt_runtime_us</c>) still leaves 5 % to the rest of the host should either ever spin.
/// Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 1 (the systemd unit sets <c>LimitRTPRIO=1</c>);
/// without either the loop stays time-sharing and the daemon says so once.
/// </remarks>
internal static class RealtimeScheduling
{
    /// <summary>The priority the event loop asks for.</summary>
    public const int EventLoopPriority = 1;

    /// <summary>Moves the calling thread to SCHED_RR <paramref name="priority"/>; returns the log line that says what happened.</summary>
    public static unsafe string ApplyToCurrentThread(int priority = EventLoopPriority)
    {
        var param = new Libc.SchedParam { Priority = priority };
        if (Libc.SchedSetScheduler(0, Libc.SchedRr, &param) == 0)
        {
            return $"Event loop scheduling: SCHED_RR priority {priority} (adverts on time on a loaded host)";
        }

        int errno = Marshal.GetLastPInvokeError();
        return $"Event loop scheduling: SCHED_RR refused ({Libc.Describe(errno)}), running time-sharing: adverts may be late on a loaded host (give CAP_SYS_NICE or LimitRTPRIO=1)";
    }

    /// <summary>
    /// Moves the .NET runtime's signal thread (".NET SigHandler": it reads the signals the runtime's
    /// handler forwards and starts the thread that runs a SIGTERM registration) to SCHED_RR
    /// <paramref name="priority"/>, so SIGTERM reaches the event loop without queueing behind the
    /// host's ordinary threads: a loaded host otherwise delays the priority-0 advert by several ms
    /// (measured 4-14 ms at load 12 on 2 cores). Threads it starts inherit the policy; the SIGTERM
    /// handler hands itself back to time-sharing (<see cref="RevertCurrentThread"/>) once it woke the
    /// loop. Returns whether the thread was found and moved.
    /// </summary>
    public static unsafe bool ApplyToRuntimeSignalThread(int priority = EventLoopPriority)
    {
        try
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                string comm;
                try
                {
                    comm = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                }
                catch (IOException)
                {
                    continue; // The thread ended meanwhile.
                }

                if (comm == ".NET SigHandler" && int.TryParse(Path.GetFileName(task), out int tid))
                {
                    var param = new Libc.SchedParam { Priority = priority };
                    return Libc.SchedSetScheduler(tid, Libc.SchedRr, &param) == 0;
                }
            }
        }
        catch (IOException)
        {
            // No /proc: nothing to move.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    /// <summary>Moves the calling thread to SCHED_RR <paramref name="priority"/>; false when refused (the thread stays as it was).</summary>
    public static unsafe bool TryApplyToCurrentThread(int priority = EventLoopPriority)
    {
        var param = new Libc.SchedParam { Priority = priority };
        return Libc.SchedSetScheduler(0, Libc.SchedRr, &param) == 0;
    }

    /// <summary>Hands the calling thread back to the default time-sharing policy.</summary>
    public static unsafe void RevertCurrentThread()
    {
        var param = new Libc.SchedParam { Priority = 0 };
        _ = Libc.SchedSetScheduler(0, Libc.SchedOther, &param);
    }

    /// <summary>The calling thread's policy and priority, e.g. (SCHED_RR, 1).</summary>
    public static unsafe (int Policy, int Priority) OfCurrentThread()
    {
        var param = default(Libc.SchedParam);
        _ = Libc.SchedGetParam(0, &param);
        return (Libc.SchedGetScheduler(0), param.Priority);
    }
}
