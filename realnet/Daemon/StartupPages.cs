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
/// Read-only mappings of the executable file that hold no private (anonymous) page are exact copies of
/// the file: <c>MADV_DONTNEED</c> drops them from the process, and the kernel maps a page again from the
/// page cache when it is next used. The executable's writable data (with the native build's type data
/// as linked, about 4 MiB, nearly all of it read at start-up and never written) gets
/// <c>MADV_PAGEOUT</c>, which reclaims only its clean file pages: a page the process wrote is anonymous
/// and stays (it could only go to swap, never be lost), so no write can be undone even by another thread
/// writing meanwhile, which <c>MADV_DONTNEED</c> on a writable mapping would risk. The daemon releases
/// once when the host has started and once more when it has settled (<see cref="SettleDelay"/>: past
/// the first MASTER entry and its second gratuitous ARP burst at <c>advert_int 1</c>), since those
/// first transitions run code the idle loop never runs again. Measured on the NativeAOT daemon, an
/// idle MASTER of one instance: docs/realnet-bench.md.
/// </remarks>
internal static class StartupPages
{
    /// <summary>How long after start-up the daemon releases a second time.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(15);

    /// <summary>Collects the start-up garbage and drops the executable's clean pages; returns the KiB resident in the mappings it advised.</summary>
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
        var candidates = new List<(nint Start, nuint Length, long RssKb, int Advice)>();
        (nint Start, nuint Length, string Perms, bool Mine) current = default;
        long rss = 0;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsHeader(line, out nint start, out nuint length, out string perms, out string path))
            {
                current = (start, length, perms, path == exe);
                rss = 0;
            }
            else if (current.Mine && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (current.Mine && rss > 0 && line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                long anonymous = Kilobytes(line);
                if (current.Perms is "r-xp" or "r--p" && anonymous == 0)
                {
                    candidates.Add((current.Start, current.Length, rss, Libc.MadvDontNeed));
                }
                else if (current.Perms == "rw-p" && rss > anonymous)
                {
                    candidates.Add((current.Start, current.Length, rss - anonymous, Libc.MadvPageOut));
                }
            }
        }

        long released = 0;
        foreach ((nint start, nuint length, long rssKb, int advice) in candidates)
        {
            // MADV_PAGEOUT is refused (EINVAL) before Linux 5.4: the writable data then stays resident.
            if (Libc.MAdvise(start, length, advice) == 0)
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
