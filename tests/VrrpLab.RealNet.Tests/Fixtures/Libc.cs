using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>The few libc calls the fixtures need: signals and entering a network namespace.</summary>
internal static partial class Libc
{
    /// <summary>SIGHUP (reload the configuration).</summary>
    public const int SigHup = 1;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGINT.</summary>
    public const int SigInt = 2;

    /// <summary>SIGSTOP.</summary>
    public const int SigStop = 19;

    /// <summary>SIGWINCH (ignored by default).</summary>
    public const int SigWinch = 28;

    /// <summary>CLONE_NEWNET, the namespace type for <see cref="setns"/>.</summary>
    public const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    [LibraryImport("libc")]
    internal static partial uint geteuid();

    [LibraryImport("libc")]
    internal static partial int gettid();

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int tgkill(int tgid, int tid, int sig);
}
