using System.Globalization;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Gives back, once the daemon runs, what only its start-up needed: the executable's read-only pages
/// that start-up mapped (the kernel maps 64 KiB around every page fault in a file, so a start that
/// touches a few hundred pages of the native executable leaves about 6 MiB of it resident, code of
/// verbs and libraries the daemon never runs again), and the garbage heap's start-up allocations
/// (the host's dependency injection, the configuration).
/// </summary>
/// <remarks>
/// Only mappings of the executable file that are read-only and hold no private (anonymous) page are
/// released: those are exact copies of the file, and the kernel maps a page again from the page cache
/// when it is next used. A mapping that the dynamic linker or the runtime wrote to (relocations,
/// RELRO, the writable data) is never touched. Measured on the NativeAOT daemon, an idle MASTER of
/// one instance: RSS 19.1 -> see docs/realnet-bench.md.
/// </remarks>
internal static class StartupPages
{
    /// <summary>Collects the start-up garbage and drops the executable's clean read-only pages; returns the KiB released from the mappings.</summary>
    public static long Release()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            return ReleaseExecutablePages();
        }
        catch (IOException)
        {
            return 0; // No /proc: nothing to release.
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static long ReleaseExecutablePages()
    {
        string? exe = Environment.ProcessPath;
        if (exe is null)
        {
            return 0;
        }

        // /proc/self/smaps: a header line per mapping ("start-end perms offset dev inode path"), then
        // "Key: value kB" lines, among them Rss and Anonymous.
        var candidates = new List<(nint Start, nuint Length, long RssKb)>();
        (nint Start, nuint Length, bool Eligible) current = default;
        long rss = 0;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsHeader(line, out nint start, out nuint length, out string perms, out string path))
            {
                current = (start, length, path == exe && perms is "r-xp" or "r--p");
                rss = 0;
            }
            else if (current.Eligible && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (current.Eligible && line.StartsWith("Anonymous:", StringComparison.Ordinal) && Kilobytes(line) == 0 && rss > 0)
            {
                candidates.Add((current.Start, current.Length, rss));
            }
        }

        long released = 0;
        foreach ((nint start, nuint length, long rssKb) in candidates)
        {
            if (Libc.MAdvise(start, length, Libc.MadvDontNeed) == 0)
            {
                released += rssKb;
            }
        }

        return released;
    }

    private static bool IsHeader(string line, out nint start, out nuint length, out string perms, out string path)
    {
        start = 0;
        length = 0;
        perms = "";
        path = "";
        int dash = line.IndexOf('-', StringComparison.Ordinal);
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        if (dash <= 0 || space <= dash
            || !ulong.TryParse(line.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong from)
            || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong to)
            || to <= from)
        {
            return false;
        }

        string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5)
        {
            return false;
        }

        start = (nint)from;
        length = (nuint)(to - from);
        perms = fields[1];
        path = fields.Length == 6 ? fields[5].Trim() : "";
        return true;
    }

    private static long Kilobytes(string line)
    {
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb) ? kb : -1;
    }
}
