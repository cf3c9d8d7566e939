using System.Globalization;
using VrrpLab.Lab.Host;
using VrrpLab.RealNet.Native;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Daemons;

/// <summary>
/// One node's VRRP daemon in its namespace: keepalived 2.2.7 in the foreground
/// (<c>chrt -r 1 keepalived -n -l -D -f CONF -p PID -r VRRPPID</c>, a parent and a VRRP child, logging on stderr)
/// or our <c>vrrplab daemon --config CONF</c> (logging on stdout). Each start is a new process; every
/// line it prints goes to the observer with the instant it was read.
/// </summary>
public sealed class LabDaemon : IDisposable
{
    private readonly LabClock _clock;
    private readonly Action<LabDaemon, long, string> _onLine;
    private readonly Action<LabDaemon, LabProcess> _onExit;
    private readonly IReadOnlyList<string> _vrrplabCommand;
    private LabProcess? _process;

    /// <summary>Creates the daemon of <paramref name="node"/>; nothing runs until <see cref="Start"/>.</summary>
    public LabDaemon(
        string node, string ns, NodeImplementation implementation, string workDirectory, LabClock clock,
        IReadOnlyList<string> vrrplabCommand, Action<LabDaemon, long, string> onLine, Action<LabDaemon, LabProcess> onExit)
    {
        Node = node;
        Namespace = ns;
        Implementation = implementation;
        _clock = clock;
        _vrrplabCommand = vrrplabCommand;
        _onLine = onLine;
        _onExit = onExit;
        ConfigPath = Path.Combine(workDirectory, node + ".conf");
        PidPath = Path.Combine(workDirectory, node + ".pid");
        ChildPidPath = Path.Combine(workDirectory, node + ".vrrp.pid");
    }

    /// <summary>The node.</summary>
    public string Node { get; }

    /// <summary>Its namespace.</summary>
    public string Namespace { get; }

    /// <summary>What runs there.</summary>
    public NodeImplementation Implementation { get; }

    /// <summary>The configuration file it reads.</summary>
    public string ConfigPath { get; }

    /// <summary>keepalived's pid file (<c>-p</c>).</summary>
    public string PidPath { get; }

    /// <summary>keepalived's VRRP child pid file (<c>-r</c>).</summary>
    public string ChildPidPath { get; }

    /// <summary>How many times it was started.</summary>
    public int Starts { get; private set; }

    /// <summary>The current process, if one was started.</summary>
    public LabProcess? Process => _process;

    /// <summary>True while a started process runs.</summary>
    public bool Running => _process is { Running: true };

    /// <summary>
    /// The command line a start runs (inside the namespace). keepalived runs under <c>chrt -r 1</c>
    /// (SCHED_RR 1, inherited by its VRRP child), the priority our daemon gives its own event loop: on
    /// the lab's shared machine (load 30-48 on 2 cores) keepalived at nice -10 answered a lower-priority
    /// MASTER's advert 1.3 to 880 ms late and fell seconds behind a 200/s flood; at SCHED_RR 1, 3.1-3.2 ms.
    /// The scenario models an idle host, not the CI machine's other jobs (docs/lab.md).
    /// </summary>
    public IReadOnlyList<string> CommandLine => Implementation == NodeImplementation.Keepalived
        ? ["chrt", "-r", "1", "keepalived", "-n", "-l", "-D", "-f", ConfigPath, "-p", PidPath, "-r", ChildPidPath]
        : [.. _vrrplabCommand, "daemon", "--config", ConfigPath];

    /// <summary>Starts a new process; returns the instant just before the exec.</summary>
    public long Start()
    {
        File.Delete(ChildPidPath);
        File.Delete(PidPath);
        _process?.Dispose();
        Starts++;
        LabProcess p = LabProcess.Start(Namespace, CommandLine, _clock, (t, line) => _onLine(this, t, line));
        p.Exited += e => _onExit(this, e);
        _process = p;
        return p.StartedUs;
    }

    /// <summary>SIGTERM: a graceful stop (a MASTER sends priority 0 and removes its VIPs).</summary>
    public void Terminate() => _process?.Signal(Libc.SigTerm);

    /// <summary>
    /// SIGKILL of every process at once: nothing is sent, VIPs stay. keepalived's parent is frozen
    /// first: a parent that sees its child die restarts it, and a child that sees its parent die
    /// stops gracefully, neither of which is a kill.
    /// </summary>
    public void Kill()
    {
        if (_process is not { Running: true } p)
        {
            return;
        }

        if (Implementation == NodeImplementation.Keepalived)
        {
            p.Signal(Libc.SigStop);
            if (ChildPid() is int child)
            {
                _ = Libc.Kill(child, Libc.SigKill);
            }
        }

        p.Signal(Libc.SigKill);
    }

    /// <summary>SIGSTOP (true) or SIGCONT (false) to every process of the daemon: the VM-pause case.</summary>
    public void Freeze(bool frozen)
    {
        if (_process is not { Running: true } p)
        {
            return;
        }

        int sig = frozen ? Libc.SigStop : Libc.SigCont;
        if (Implementation == NodeImplementation.Keepalived && ChildPid() is int child)
        {
            _ = Libc.Kill(child, sig);
        }

        p.Signal(sig);
    }

    /// <summary>Waits (bounded) for the current process to exit.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process is null || _process.WaitForExit(timeout);

    /// <summary>Kills it if it runs. Never throws.</summary>
    public void Dispose()
    {
        if (Running)
        {
            Freeze(false);
            Kill();
        }

        _process?.Dispose();
    }

    private int? ChildPid()
    {
        try
        {
            return File.Exists(ChildPidPath) && int.TryParse(File.ReadAllText(ChildPidPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                ? pid
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
