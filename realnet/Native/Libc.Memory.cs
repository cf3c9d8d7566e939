using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Native;

/// <summary>The memory call of <see cref="Daemon.StartupPages"/> (madvise(2)).</summary>
internal static partial class Libc
{
    /// <summary>MADV_DONTNEED: drop the range's page table entries (file pages are read again on the next access).</summary>
    public const int MadvDontNeed = 4;

    /// <summary>
    /// MADV_PAGEOUT (Linux 5.4): reclaim the range's pages now. Clean file pages leave (read again on the next
    /// access); written (anonymous) pages can only go to swap, never lost. EINVAL on older kernels.
    /// </summary>
    public const int MadvPageOut = 21;

    /// <summary>Advises the kernel about <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    public static partial int MAdvise(nint address, nuint length, int advice);
}
