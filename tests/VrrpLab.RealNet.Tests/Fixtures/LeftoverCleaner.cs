using VrrpLab.Lab.Host;

namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// Removes what an earlier run of these fixtures left behind (a killed test host cannot run its
/// teardown): namespaces and work directories named <c>vln-PID-...</c> whose PID is no longer alive,
/// and the keepalived/vrrplab processes recorded in their pid files or still inside those namespaces.
/// Namespaces and directories are removed by the lab's own <see cref="LabHygiene"/> (one implementation).
/// </summary>
public static class LeftoverCleaner
{
    /// <summary>Cleans every leftover of a dead run. Never throws.</summary>
    public static void Clean()
    {
        foreach (string dir in SafeList(() => Directory.GetDirectories(Path.GetTempPath(), NamespaceLan.Prefix + "*")))
        {
            if (LabHygiene.IsStale(Path.GetFileName(dir), NamespaceLan.Prefix))
            {
                KillFromPidFiles(dir);
                LabHygiene.DeleteDirectory(dir);
            }
        }

        foreach (string ns in LabHygiene.ListNamespaces())
        {
            if (LabHygiene.IsStale(ns, NamespaceLan.Prefix))
            {
                LabHygiene.DeleteNamespace(ns);
            }
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
                _ = Libc.Kill(pid, Libc.SigKill);
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
