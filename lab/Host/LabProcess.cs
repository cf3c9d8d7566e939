using System.Diagnostics;
using VrrpLab.RealNet.Native;

namespace VrrpLab.Lab.Host;

/// <summary>
/// A long-running command inside a network namespace (<c>ip netns exec NS COMMAND...</c>; ip execs the
/// command, so the pid is the command's). Every line of its stdout and stderr goes to a callback with
/// the monotonic instant it was read; the instant it exited is kept.
/// </summary>
public sealed class LabProcess : IDisposable
{
    private readonly Process _process;
    private readonly LabClock _clock;
    private long _exitedUs = -1;

    private LabProcess(Process process, LabClock clock, string description)
    {
        _process = process;
        _clock = clock;
        Description = description;
    }

    /// <summary>What runs, for messages.</summary>
    public string Description { get; }

    /// <summary>The pid.</summary>
    public int Pid => _process.Id;

    /// <summary>When it was launched (monotonic µs, just before the exec).</summary>
    public long StartedUs { get; private set; }

    /// <summary>When the lab saw it exit (monotonic µs), or null while it runs.</summary>
    public long? ExitedUs => Volatile.Read(ref _exitedUs) is var e and >= 0 ? e : null;

    /// <summary>Its exit code once it exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>True while it runs.</summary>
    public bool Running => !_process.HasExited;

    /// <summary>Called once when it exits (from a thread-pool thread).</summary>
    public event Action<LabProcess>? Exited;

    /// <summary>Starts <paramref name="command"/> in <paramref name="ns"/>; each output line goes to <paramref name="onLine"/>.</summary>
    public static LabProcess Start(string ns, IReadOnlyList<string> command, LabClock clock, Action<long, string> onLine)
    {
        var process = new Process { StartInfo = StartInfo(ns, command), EnableRaisingEvents = true };
        var lp = new LabProcess(process, clock, string.Join(' ', command) + " in " + ns);
        process.Exited += (_, _) =>
        {
            Interlocked.CompareExchange(ref lp._exitedUs, clock.NowUs, -1);
            lp.Exited?.Invoke(lp);
        };
        lp.StartedUs = clock.NowUs;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new LabException($"cannot run 'ip netns exec {ns} {string.Join(' ', command)}': {e.Message}");
        }

        process.StandardInput.Close();
        // One reading thread per stream, created here: it inherits the caller's nice value (the lab's
        // action thread runs at nice -10), so a busy machine does not delay the instant a line is read.
        StartReader(process.StandardOutput, clock, onLine);
        StartReader(process.StandardError, clock, onLine);
        return lp;
    }

    /// <summary>
    /// <c>ip netns exec NS COMMAND...</c> with stdin, stdout and stderr redirected (the caller closes stdin
    /// and reads the two others); also the namespace-test fixtures' background commands.
    /// </summary>
    public static ProcessStartInfo StartInfo(string ns, IEnumerable<string> command)
    {
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "netns", "exec", ns }.Concat(command))
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static void StartReader(StreamReader reader, LabClock clock, Action<long, string> onLine)
    {
        var thread = new Thread(() =>
        {
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    onLine(clock.NowUs, line);
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        })
        {
            IsBackground = true,
            Name = "lab reader",
        };
        thread.Start();
    }

    /// <summary>Sends <paramref name="signal"/> (no effect once it exited).</summary>
    public void Signal(int signal)
    {
        if (Running)
        {
            _ = Libc.Kill(_process.Id, signal);
        }
    }

    /// <summary>Waits (bounded) for the exit and for its output to be read; false if it still runs.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>Sends <paramref name="signal"/>, then SIGKILL if it has not exited within <paramref name="grace"/>. Never throws.</summary>
    public void Stop(int signal, TimeSpan grace)
    {
        try
        {
            Signal(signal);
            if (!WaitForExit(grace))
            {
                Signal(Libc.SigKill);
                WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Kills it if it runs. Never throws.</summary>
    public void Dispose()
    {
        try
        {
            if (Running)
            {
                Signal(Libc.SigKill);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
