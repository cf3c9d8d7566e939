namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>Long-running commands inside a namespace (peers, tcpdump, ping), read line by line.</summary>
public static class BackgroundProcess
{
    /// <summary>
    /// Starts <c>ip netns exec NS COMMAND...</c> (ip execs the command, so the process is the command itself)
    /// and hands every line of its stdout and stderr to <paramref name="onLine"/>, from a reader thread.
    /// </summary>
    public static Process StartIn(string ns, IEnumerable<string> command, Action<string> onLine)
    {
        var process = new Process { StartInfo = VrrpLab.Lab.Host.LabProcess.StartInfo(ns, command) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Sends <paramref name="signal"/>, then SIGKILL if it has not exited within 5 s. Never throws.</summary>
    public static void Stop(Process process, int signal)
    {
        try
        {
            if (!process.HasExited)
            {
                _ = Libc.Kill(process.Id, signal);
                if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
                {
                    _ = Libc.Kill(process.Id, Libc.SigKill);
                    process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
