using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Native;

/// <content>Files relative to an open directory (the /proc scan of track_process).</content>
internal static partial class Libc
{
    /// <summary>O_RDONLY | O_CLOEXEC.</summary>
    public const int OpenReadCloexec = 0x80000;

    /// <summary>O_DIRECTORY | O_CLOEXEC.</summary>
    public const int OpenDirectoryCloexec = 0x10000 | 0x80000;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static unsafe partial int OpenAt(int directory, byte* path, int flags);
}
