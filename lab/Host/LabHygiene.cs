using System.Globalization;
using VrrpLab.RealNet.Native;

namespace VrrpLab.Lab.Host;

/// <summary>
/// Names and clean-up. Every namespace of a lab run is called <c>vlab-PID-N-...</c> (PID: the lab's
/// process; N: the run in that process), and its files live in <c>/run/vrrplab-lab/vlab-PID-N</c>.
/// A lab that died (SIGKILL, power) cannot tear down: the next lab removes the namespaces and
/// directories whose PID is no longer alive, killing the processes still inside them. The namespace
/// tests' fixtures (tests/VrrpLab.RealNet.Tests) clean up with the same methods.
/// </summary>
public static class LabHygiene
{
    /// <summary>The prefix of every namespace and work directory.</summary>
    public const string Prefix = "vlab-";

    /// <summary>Where runs keep their files (root-owned, not world-writable: keepalived's script security accepts scripts there).</summary>
    public const string WorkRoot = "/run/vrrplab-lab";

    private static int _sequence;

    /// <summary>A fresh run id, unique on this machine while this process lives: <c>vlab-PID-N</c>.</summary>
    public static string NewRunId() => $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}";

    /// <summary>Removes every namespace and work directory of lab runs whose process is gone; returns what it removed. Never throws.</summary>
    public static IReadOnlyList<string> CleanStale()
    {
        var removed = new List<string>();
        foreach (string ns in ListNamespaces())
        {
            if (IsStale(ns))
            {
                DeleteNamespace(ns);
                removed.Add(ns);
            }
        }

        try
        {
            if (Directory.Exists(WorkRoot))
            {
                foreach (string dir in Directory.GetDirectories(WorkRoot, Prefix + "*"))
                {
                    if (IsStale(Path.GetFileName(dir)))
                    {
                        DeleteDirectory(dir);
                        removed.Add(dir);
                    }
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return removed;
    }

    /// <summary>The namespaces of this machine (<c>ip netns list</c>).</summary>
    public static IReadOnlyList<string> ListNamespaces() =>
        [.. Shell.Run("ip", "netns", "list").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];

    /// <summary>Kills every process inside <paramref name="ns"/> and deletes it. Never throws.</summary>
    public static void DeleteNamespace(string ns)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int[] pids = PidsIn(ns);
            if (pids.Length == 0)
            {
                break;
            }

            foreach (int pid in pids)
            {
                _ = Libc.Kill(pid, Libc.SigKill);
            }

            Thread.Sleep(20);
        }

        Shell.Run("ip", "netns", "del", ns);
    }

    /// <summary>Deletes a directory tree. Never throws.</summary>
    public static void DeleteDirectory(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>True for a lab name (<c>vlab-PID-...</c>) whose PID is not alive.</summary>
    public static bool IsStale(string name) => IsStale(name, Prefix);

    /// <summary>
    /// True for a name <c>PREFIX PID-...</c> whose PID is not alive (and not this process): what a killed run
    /// left behind. The lab's names use <see cref="Prefix"/>; the namespace tests' fixtures their own.
    /// </summary>
    public static bool IsStale(string name, string prefix)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = name[prefix.Length..];
        int dash = rest.IndexOf('-', StringComparison.Ordinal);
        string pidText = dash < 0 ? rest : rest[..dash];
        return int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out int owner)
            && owner != Environment.ProcessId
            && !Directory.Exists($"/proc/{owner}");
    }

    private static int[] PidsIn(string ns) =>
        [.. Shell.Run("ip", "netns", "pids", ns).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : 0)
            .Where(p => p > 0)];
}
