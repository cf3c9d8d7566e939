using System.Diagnostics;
using VrrpLab.RealNet.Native;

[assembly: LevelOfParallelism(2)]

namespace VrrpLab.Lab.Tests;

/// <summary>Nothing outlives a lab run: Ctrl-C tears down, and a lab that died is cleaned up by the next one.</summary>
public class HygieneTests
{
    [Test]
    public void The_next_lab_removes_the_namespaces_files_and_processes_of_a_dead_lab()
    {
        Assert.That(LabEnvironment.Problems(keepalived: false), Is.Empty);
        int dead = DeadPid();
        string ns = $"{LabHygiene.Prefix}{dead}-1-n0";
        string dir = Path.Combine(LabHygiene.WorkRoot, $"{LabHygiene.Prefix}{dead}-1");
        Directory.CreateDirectory(dir);
        Shell.Ip("netns", "add", ns);
        using Process sleeper = Process.Start("ip", ["netns", "exec", ns, "sleep", "60"])!;
        try
        {
            Thread.Sleep(200);
            IReadOnlyList<string> removed = LabHygiene.CleanStale();
            Assert.That(removed, Does.Contain(ns).And.Contain(dir));
            Assert.That(LabHygiene.ListNamespaces(), Does.Not.Contain(ns));
            Assert.That(Directory.Exists(dir), Is.False);
            Assert.That(sleeper.WaitForExit(TimeSpan.FromSeconds(5)), Is.True, "the process left inside was killed");
        }
        finally
        {
            LabHygiene.DeleteNamespace(ns);
            LabHygiene.DeleteDirectory(dir);
        }
    }

    [Test]
    public void A_live_lab_is_left_alone() =>
        Assert.That(LabHygiene.IsStale($"{LabHygiene.Prefix}{Environment.ProcessId}-1-n0"), Is.False);

    [Test]
    public void Ctrl_C_stops_the_run_and_removes_everything_it_built()
    {
        // Through `env --default-signal=INT`: a test run started in the background by a non-interactive shell
        // (nohup ... &) inherits SIGINT ignored, and the runtime then leaves it ignored (as a nohup'd program
        // should); Ctrl-C at a terminal arrives with the default disposition, which this restores.
        var psi = new ProcessStartInfo("env")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--default-signal=INT" }.Concat(LabPaths.Vrrplab.Command).Concat(["lab", LabPaths.Scenario("graceful-stop-skew-takeover")]))
        {
            psi.ArgumentList.Add(a);
        }

        using var lab = Process.Start(psi)!;
        var err = new System.Collections.Concurrent.ConcurrentQueue<string>();
        lab.ErrorDataReceived += (_, e) => { if (e.Data is not null) { err.Enqueue(e.Data); } };
        lab.BeginErrorReadLine();
        Task<string> output = lab.StandardOutput.ReadToEndAsync();
        var until = Stopwatch.StartNew();
        while (!err.Any(l => l.Contains("network ready", StringComparison.Ordinal)) && until.Elapsed < TimeSpan.FromSeconds(60) && !lab.HasExited)
        {
            Thread.Sleep(50);
        }

        Assert.That(lab.HasExited, Is.False, string.Join('\n', err));
        string prefix = $"{LabHygiene.Prefix}{lab.Id}-";
        Thread.Sleep(2000); // the daemons are up
        Assert.That(LabHygiene.ListNamespaces().Count(n => n.StartsWith(prefix, StringComparison.Ordinal)), Is.GreaterThan(0));
        _ = Libc.Kill(lab.Id, Libc.SigInt);
        // A bound on the wait (teardown took 6 s at load 40 on the JIT build), not a timing check.
        Assert.That(lab.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, "the lab exits after Ctrl-C\n" + string.Join('\n', err));
        lab.WaitForExit();
        Assert.That(lab.ExitCode, Is.EqualTo(2), string.Join('\n', err) + output.Result);
        Assert.That(string.Join('\n', err), Does.Contain("interrupted"));
        Assert.That(LabHygiene.ListNamespaces().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)), Is.Empty);
        Assert.That(Directory.GetDirectories(LabHygiene.WorkRoot, prefix + "*"), Is.Empty);
        Assert.That(KeepalivedOf(prefix), Is.Empty, "no daemon of the run survives");
    }

    private static int DeadPid()
    {
        using Process p = Process.Start("true")!;
        p.WaitForExit();
        return p.Id;
    }

    private static List<int> KeepalivedOf(string prefix)
    {
        var pids = new List<int>();
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(prefix, StringComparison.Ordinal))
                    {
                        pids.Add(pid);
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        return pids;
    }
}
