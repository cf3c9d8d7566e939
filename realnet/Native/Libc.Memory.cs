using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Native;

/// <summary>The memory call of <see cref="Daemon.StartupPages"/> (madvise(2)).</summary>
internal static partial class Libc
{
    /// <summary>MADV_DONTNEED: drop the range's page table entries (file pages are read again on the next access).</summary>
    public const int MadvDontNeed = 4;

    /// <summary>Advises the kernel about <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    public static partial int MAdvise(nint address, nuint length, int advice);
}
