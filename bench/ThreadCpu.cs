using System.Runtime.InteropServices;

namespace VrrpLab.Bench;

/// <summary>
/// The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID): a stage's cost that does not grow
/// when other processes share the cores, unlike wall time. Falls back to wall time elsewhere.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Microseconds of CPU this thread has used.</summary>
    public static double Microseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out TimeSpec t) == 0)
        {
            return (t.Seconds * 1e6) + (t.Nanoseconds / 1e3);
        }

        return System.Diagnostics.Stopwatch.GetTimestamp() * 1e6 / System.Diagnostics.Stopwatch.Frequency;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
