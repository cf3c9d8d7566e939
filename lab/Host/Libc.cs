using System.Runtime.InteropServices;

namespace VrrpLab.Lab.Host;

/// <summary>The few libc calls the lab needs: signals and the effective user.</summary>
internal static partial class Libc
{
    /// <summary>SIGINT.</summary>
    public const int SigInt = 2;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGCONT.</summary>
    public const int SigCont = 18;

    /// <summary>SIGSTOP.</summary>
    public const int SigStop = 19;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    internal static partial uint geteuid();

    /// <summary>PRIO_PROCESS: with who 0, the calling thread on Linux (children forked from it inherit its nice value).</summary>
    public const int PrioProcess = 0;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setpriority(int which, int who, int prio);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int getpriority(int which, int who);
}
