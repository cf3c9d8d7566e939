using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Native;

/// <content>
/// Processes: signals (the daemon's dispositions; the lab and the test fixtures signal the daemons they
/// run), the effective user, the nice value, and entering a network namespace.
/// </content>
internal static partial class Libc
{
    /// <summary>SIGHUP.</summary>
    public const int SigHup = 1;

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

    /// <summary>SIG_DFL and SIG_IGN, the two dispositions <see cref="Signal"/> sets and returns.</summary>
    public static readonly nint SigDfl = 0, SigIgn = 1;

    /// <summary>PRIO_PROCESS: with who 0, the calling thread on Linux (children forked from it inherit its nice value).</summary>
    public const int PrioProcess = 0;

    /// <summary>CLONE_NEWNET, the namespace type for <see cref="SetNs"/>.</summary>
    public const int CloneNewNet = 0x40000000;

    /// <summary>signal(2): sets a signal's disposition (here only SIG_DFL), returning the previous one.</summary>
    [LibraryImport("libc", EntryPoint = "signal", SetLastError = true)]
    public static partial nint Signal(int signal, nint handler);

    /// <summary>kill(2): sends <paramref name="signal"/> to process <paramref name="pid"/>.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>The effective user id of this process.</summary>
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEUid();

    /// <summary>setpriority(2): sets the nice value.</summary>
    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    public static partial int SetPriority(int which, int who, int priority);

    /// <summary>getpriority(2): the nice value (-1 is also a valid value: check errno).</summary>
    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    public static partial int GetPriority(int which, int who);

    /// <summary>setns(2): moves the calling thread into the namespace open as <paramref name="fd"/>.</summary>
    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int namespaceType);
}
