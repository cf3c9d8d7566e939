using System.Globalization;

namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// Removes what an earlier run of these fixtures left behind (a killed test host cannot run its
/// teardown): namespaces and work directories named <c>vln-PID-...</c> whose PID is no longer alive,
/// and the keepalived/vrrplab processes recorded in their pid files or still inside those namespaces.
/// </summary>
public static class LeftoverCleaner
{
    /// <summary>Cleans every leftover of a dead run. Never throws.</summary>
    public static void Clean()
    {
        foreach (string dir in SafeList(() => Directory.GetDirectories(Path.GetTempPath(), NamespaceLan.Prefix + "*")))
        {
            if (IsLeftover(Path.GetFileName(dir)))
            {
                KillFromPidFiles(dir);
                DeleteDirectory(dir);
            }
        }

        foreach (string ns in ListNamespaces())
        {
            if (IsLeftover(ns))
            {
                DeleteNamespace(ns);
            }
        }
    }

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
                _ = Libc.kill(pid, Libc.SigKill);
            }

            Thread.Sleep(20);
        }

        Shell.Run("ip", ["netns", "del", ns]);
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

    /// <summary>Kills (SIGKILL) the pids named in <c>*.pid</c> files below <paramref name="dir"/> that are still keepalived or vrrplab.</summary>
    public static void KillFromPidFiles(string dir)
    {
        foreach (string file in SafeList(() => Directory.GetFiles(dir, "*.pid", SearchOption.AllDirectories)))
        {
            string text;
            try
            {
                text = File.ReadAllText(file).Trim();
            }
            catch (IOException)
            {
                continue;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid) && IsOurKindOfProcess(pid))
            {
                _ = Libc.kill(pid, Libc.SigKill);
            }
        }
    }

    private static bool IsOurKindOfProcess(int pid)
    {
        try
        {
            string cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains("keepalived", StringComparison.Ordinal) || cmdline.Contains("vrrplab", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsLeftover(string name)
    {
        if (!name.StartsWith(NamespaceLan.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = name[NamespaceLan.Prefix.Length..];
        int dash = rest.IndexOf('-', StringComparison.Ordinal);
        string pidText = dash < 0 ? rest : rest[..dash];
        return int.TryParse(pidText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int owner)
            && owner != Environment.ProcessId
            && !Directory.Exists($"/proc/{owner}");
    }

    private static IEnumerable<string> ListNamespaces()
    {
        CommandResult r = Shell.Run("ip", ["netns", "list"]);
        return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .ToList();
    }

    private static int[] PidsIn(string ns)
    {
        CommandResult r = Shell.Run("ip", ["netns", "pids", ns]);
        return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int p) ? p : 0)
            .Where(p => p > 0)
            .ToArray();
    }

    private static string[] SafeList(Func<string[]> list)
    {
        try
        {
            return list();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
