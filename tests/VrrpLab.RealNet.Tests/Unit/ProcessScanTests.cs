using VrrpLab.Tests.Shared;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>
/// The /proc scan of track_process on a directory laid out like /proc (PID/comm, PID/stat,
/// PID/cmdline): what it counts, forks for fork_delay, and that a scan allocates nothing once the
/// processes are known (it runs every second).
/// </summary>
public sealed class ProcessScanTests : TempDirectoryTest
{
    private void Process(int pid, string comm, int parent = 1, char state = 'S', string cmdline = "")
    {
        string dir = Path.Combine(TempDir, pid.ToString(CultureInfo.InvariantCulture));
        _ = Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "comm"), comm + "\n");
        File.WriteAllText(Path.Combine(dir, "stat"), $"{pid} ({comm}) {state} {parent} {pid} {pid} 0 -1 4194560 120 0 0 0 0 0\n");
        File.WriteAllText(Path.Combine(dir, "cmdline"), cmdline.Replace(' ', '\0') + "\0");
    }

    private void Gone(int pid) => Directory.Delete(Path.Combine(TempDir, pid.ToString(CultureInfo.InvariantCulture)), recursive: true);

    [Test]
    public void Counts_matching_processes_but_not_zombies_and_ignores_other_entries()
    {
        Process(10, "nginx");
        Process(11, "nginx", parent: 10);
        Process(12, "nginx", state: 'Z');
        Process(13, "sshd");
        _ = Directory.CreateDirectory(Path.Combine(TempDir, "self"));
        File.WriteAllText(Path.Combine(TempDir, "uptime"), "1 1\n");
        using var scan = new ProcessScan(TempDir);
        scan.Track([new TrackedProcess("p_nginx", "nginx"), new TrackedProcess("p_sshd", "sshd"), new TrackedProcess("p_none", "none")]);
        Assert.That(scan.Scan(), Is.Null);
        Assert.That((scan.Counts, scan.Processes), Is.EqualTo((new long[] { 2, 1, 0 }, 4)));
    }

    [Test]
    public void A_new_match_whose_parent_matched_is_a_fork_an_unrelated_one_or_an_exec_is_not()
    {
        Process(10, "nginx");
        using var scan = new ProcessScan(TempDir);
        scan.Track([new TrackedProcess("p", "nginx")]);
        _ = scan.Scan();
        Assert.That(scan.Forked, Is.EqualTo(new[] { false }), "first scan");
        Process(20, "nginx", parent: 10);
        _ = scan.Scan();
        Assert.That((scan.Counts[0], scan.Forked[0]), Is.EqualTo((2L, true)), "child of a tracked process");
        Process(30, "bash", parent: 1);
        _ = scan.Scan();
        Process(30, "nginx", parent: 1); // bash exec'ed nginx: same pid, new name
        _ = scan.Scan();
        Assert.That((scan.Counts[0], scan.Forked[0]), Is.EqualTo((3L, false)), "an exec of an unrelated process");
        Gone(10);
        Process(40, "nginx", parent: 10);
        _ = scan.Scan();
        Assert.That((scan.Counts[0], scan.Forked[0]), Is.EqualTo((3L, true)), "the parent matched at the scan before and is gone now");
    }

    [Test]
    public void Full_command_blocks_match_on_the_command_line()
    {
        Process(10, "python3", cmdline: "/usr/bin/python3 app.py");
        Process(11, "python3", cmdline: "/usr/bin/python3 other.py");
        using var scan = new ProcessScan(TempDir);
        scan.Track([new TrackedProcess("p", "/usr/bin/python3", ["app.py"], ParamMatch.Exact, FullCommand: true)]);
        _ = scan.Scan();
        Assert.That(scan.Counts[0], Is.EqualTo(1));
    }

    [Test]
    public void A_scan_of_known_processes_allocates_nothing()
    {
        for (int pid = 100; pid < 160; pid++)
        {
            Process(pid, pid % 3 == 0 ? "nginx" : "worker" + pid.ToString(CultureInfo.InvariantCulture), parent: 100);
        }

        using var scan = new ProcessScan(TempDir);
        scan.Track([new TrackedProcess("p", "nginx"), new TrackedProcess("q", "/usr/sbin/nginx", FullCommand: true)]);
        _ = scan.Scan();
        _ = scan.Scan();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            _ = scan.Scan();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That((allocated, scan.Counts[0]), Is.EqualTo((0L, 20L)));
    }

    [Test]
    public void A_missing_directory_is_reported_not_thrown()
    {
        using var scan = new ProcessScan(Path.Combine(TempDir, "missing"));
        scan.Track([new TrackedProcess("p", "nginx")]);
        Assert.That(scan.Scan(), Does.StartWith("cannot open ").And.Contain("missing"));
    }
}
