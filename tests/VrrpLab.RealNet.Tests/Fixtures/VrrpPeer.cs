namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// One VRRP process (keepalived or <c>vrrplab daemon</c>) running in a host's namespace from a
/// keepalived.conf, with its output captured line by line. It records its pid in a pid file in the
/// LAN's work directory so a later run can kill it if this one dies; <see cref="Dispose"/> kills it.
/// </summary>
public abstract class VrrpPeer : IDisposable
{
    private Process? _process;

    /// <summary>Creates a peer on <paramref name="host"/>; nothing runs until <see cref="Start"/>.</summary>
    protected VrrpPeer(LanHost host, string name, string workDirectory)
    {
        Host = host;
        Name = name;
        WorkDirectory = workDirectory;
        ConfigPath = Path.Combine(workDirectory, name + ".conf");
        PidPath = Path.Combine(workDirectory, name + ".pid");
    }

    /// <summary>The host it runs on.</summary>
    public LanHost Host { get; }

    /// <summary>A name unique within the LAN (file names, messages).</summary>
    public string Name { get; }

    /// <summary>Which implementation this is.</summary>
    public abstract PeerKind Kind { get; }

    /// <summary>Where its files live.</summary>
    public string WorkDirectory { get; }

    /// <summary>Its keepalived.conf.</summary>
    public string ConfigPath { get; }

    /// <summary>The pid file of the process this fixture started.</summary>
    public string PidPath { get; }

    /// <summary>Everything it printed (stdout and stderr).</summary>
    public ProcessLog Log { get; private set; } = new();

    /// <summary>The pid of the process started (keepalived: the parent).</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException($"{Name} was never started");

    /// <summary>True while the started process has not exited.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Its exit code once it has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Matches the log line of entering MASTER (keepalived's wording, which vrrplab keeps).</summary>
    public static Regex EnteringMaster(string instance) => new($@"\({Regex.Escape(instance)}\) Entering MASTER STATE");

    /// <summary>Matches the log line of entering BACKUP.</summary>
    public static Regex EnteringBackup(string instance) => new($@"\({Regex.Escape(instance)}\) Entering BACKUP STATE");

    /// <summary>Creates a peer of <paramref name="kind"/>.</summary>
    public static VrrpPeer Create(PeerKind kind, LanHost host, string name, string workDirectory) => kind switch
    {
        PeerKind.Keepalived => new KeepalivedPeer(host, name, workDirectory),
        PeerKind.Vrrplab => new DaemonPeer(host, name, workDirectory),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>When the last <see cref="Start"/> launched the process (on <see cref="MonotonicClock"/>).</summary>
    public TimeSpan StartedAt { get; private set; }

    /// <summary>Writes <paramref name="configText"/> as its keepalived.conf and starts it (a restart gets a fresh log).</summary>
    public void Start(string configText)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        File.WriteAllText(ConfigPath, configText);
        Launch();
    }

    /// <summary>
    /// Starts two peers at the same instant, as two hosts booted together: both configurations are written
    /// first, then both processes are launched from two threads released together.
    /// </summary>
    public static void StartTogether(VrrpPeer first, string firstConfig, VrrpPeer second, string secondConfig)
    {
        File.WriteAllText(first.ConfigPath, firstConfig);
        File.WriteAllText(second.ConfigPath, secondConfig);
        using var ready = new Barrier(2);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                ready.SignalAndWait();
                second.Launch();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        ready.SignalAndWait();
        first.Launch();
        thread.Join();
        if (failure is not null)
        {
            throw new FixtureException($"cannot start {second.Describe()}: {failure.Message}");
        }
    }

    private void Launch()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        ProcessLog log = new();
        _process?.Dispose();
        Log = log;
        IEnumerable<string> command = CommandLine().ToList();
        StartedAt = MonotonicClock.Now;
        _process = BackgroundProcess.StartIn(Host.Namespace, command, log.Add);
        File.WriteAllText(PidPath, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Writes <paramref name="configText"/> over the configuration and sends SIGHUP (what
    /// <c>systemctl reload</c> does); returns the log mark to read the reload's lines from.
    /// </summary>
    public int Reload(string configText)
    {
        int mark = Log.Count;
        File.WriteAllText(ConfigPath, configText);
        _ = Libc.Kill(Pid, Libc.SigHup);
        return mark;
    }

    /// <summary>Sends SIGTERM (a graceful stop) and returns when it was sent.</summary>
    public TimeSpan SendTerminate()
    {
        TimeSpan at = MonotonicClock.Now;
        _ = Libc.Kill(Pid, Libc.SigTerm);
        return at;
    }

    /// <summary>Waits (bounded) for the process to exit; false when it is still running.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (_process is null)
        {
            return true;
        }

        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // drains the output readers
        return true;
    }

    /// <summary>SIGTERM, then waits for the exit; throws with the log tail when it does not exit in time.</summary>
    public void Stop(TimeSpan timeout)
    {
        SendTerminate();
        if (!WaitForExit(timeout))
        {
            KillAll();
            throw new FixtureException($"{Name} ({Kind}) did not exit within {timeout.TotalSeconds} s of SIGTERM\n{Log.Tail()}");
        }
    }

    /// <summary>Kills every process of this peer with SIGKILL at once (a crash: nothing is sent, VIPs stay).</summary>
    public TimeSpan Crash()
    {
        TimeSpan at = MonotonicClock.Now;
        KillAll();
        WaitForExit(TimeSpan.FromSeconds(5));
        return at;
    }

    /// <summary>Waits (bounded) for the instance to log entering MASTER after <paramref name="mark"/>.</summary>
    public LogLine WaitForMaster(string instance, TimeSpan timeout, int mark = 0) =>
        WaitForLine(EnteringMaster(instance), timeout, mark);

    /// <summary>Waits (bounded) for the instance to log entering BACKUP after <paramref name="mark"/>.</summary>
    public LogLine WaitForBackup(string instance, TimeSpan timeout, int mark = 0) =>
        WaitForLine(EnteringBackup(instance), timeout, mark);

    /// <summary>
    /// Waits (bounded) for a line matching <paramref name="pattern"/> after <paramref name="mark"/>; fails at
    /// once, with the log, when the process exits first.
    /// </summary>
    public LogLine WaitForLine(Regex pattern, TimeSpan timeout, int mark = 0)
    {
        LogLine? found = null;
        bool exited = false;
        Eventually.Until(
            () => (found = Log.Find(pattern, mark)) is not null || (exited = !IsRunning && WaitForExit(TimeSpan.Zero)),
            timeout,
            $"a line matching /{pattern}/ from {Describe()}",
            () => Log.Tail());
        found ??= Log.Find(pattern, mark); // output read after the exit
        return found ?? throw new FixtureException(
            $"{Describe()} exited with {(exited ? ExitCode : null)} before logging a line matching /{pattern}/\n{Log.Tail()}");
    }

    /// <summary>"h1 keepalived" style description for messages.</summary>
    public string Describe() => $"{Name} ({Kind} on {Host.Name})";

    /// <summary>Kills it if it still runs. Never throws.</summary>
    public void Dispose()
    {
        if (_process is not null)
        {
            if (IsRunning)
            {
                KillAll();
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }

            _process.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The command run inside the namespace (after <c>ip netns exec NS</c>).</summary>
    protected abstract IEnumerable<string> CommandLine();

    /// <summary>SIGKILLs every process of this peer.</summary>
    protected virtual void KillAll()
    {
        if (_process is not null && !_process.HasExited)
        {
            _ = Libc.Kill(_process.Id, Libc.SigKill);
        }
    }
}
