namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// keepalived 2.2.7 in the foreground (<c>chrt -r 1 keepalived -n -l -D -f CONF -p PID -r VRRPPID</c>): a
/// parent process and a VRRP child, logging to stderr. At SCHED_RR 1, as our daemon's event loop and the
/// lab's keepalived run: at nice -10 on a CI machine at load 30-40 its adverts waited up to 0.3 s for a CPU
/// (the 200/s flood test, 2026-12-06), which is the machine, not keepalived.
/// </summary>
public sealed class KeepalivedPeer(LanHost host, string name, string workDirectory) : VrrpPeer(host, name, workDirectory)
{
    /// <inheritdoc/>
    public override PeerKind Kind => PeerKind.Keepalived;

    private string KeepalivedPidPath => Path.Combine(WorkDirectory, Name + ".keepalived.pid");

    private string VrrpChildPidPath => Path.Combine(WorkDirectory, Name + ".vrrp.pid");

    /// <summary>The VRRP child's pid, once keepalived wrote it.</summary>
    public int? VrrpChildPid =>
        File.Exists(VrrpChildPidPath) && int.TryParse(File.ReadAllText(VrrpChildPidPath).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid)
            ? pid
            : null;

    /// <inheritdoc/>
    protected override IEnumerable<string> CommandLine()
    {
        File.Delete(VrrpChildPidPath);
        return ["chrt", "-r", "1", "keepalived", "-n", "-l", "-D", "-f", ConfigPath, "-p", KeepalivedPidPath, "-r", VrrpChildPidPath];
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The parent is stopped first: a parent that sees its VRRP child die restarts it, and a child that
    /// sees its parent die shuts down gracefully (priority 0), neither of which is a crash.
    /// </remarks>
    protected override void KillAll()
    {
        if (!IsRunning)
        {
            return;
        }

        _ = Libc.Kill(Pid, Libc.SigStop);
        if (VrrpChildPid is int child)
        {
            _ = Libc.Kill(child, Libc.SigKill);
        }

        _ = Libc.Kill(Pid, Libc.SigKill);
    }
}
