using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Native;

/// <summary>The scheduler calls (sched(7)): a thread's policy and real-time priority.</summary>
internal static partial class Libc
{
    /// <summary>SCHED_OTHER: the default time-sharing policy.</summary>
    public const int SchedOther = 0;

    /// <summary>SCHED_RR: real-time round robin (keepalived's choice for <c>vrrp_rt_priority</c>).</summary>
    public const int SchedRr = 2;

    /// <summary>Sets the policy of thread <paramref name="tid"/> (0: the calling thread).</summary>
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static unsafe partial int SchedSetScheduler(int tid, int policy, SchedParam* param);

    /// <summary>The policy of thread <paramref name="tid"/> (0: the calling thread), or -1.</summary>
    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    public static partial int SchedGetScheduler(int tid);

    /// <summary>The priority of thread <paramref name="tid"/> (0: the calling thread).</summary>
    [LibraryImport("libc", EntryPoint = "sched_getparam", SetLastError = true)]
    public static unsafe partial int SchedGetParam(int tid, SchedParam* param);

    /// <summary>struct sched_param.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SchedParam
    {
        /// <summary>1..99 for SCHED_RR and SCHED_FIFO, 0 otherwise.</summary>
        public int Priority;
    }
}
