using System.ComponentModel;
using System.Diagnostics;

namespace VrrpLab.RealNet.Scripts;

/// <summary>
/// Runs <c>vrrp_script</c> checks and notify scripts as child processes, exec'd directly like
/// keepalived does (no shell), as the configured user (through <c>setpriv</c> when it differs from
/// ours), with their output discarded. A check that outlives its timeout is killed with its whole
/// process tree and counts as failed.
/// </summary>
internal sealed class ScriptProcessRunner
{
    private readonly string _setpriv;

    /// <summary>Creates a runner; <paramref name="setprivPath"/> is the util-linux setpriv used to change user.</summary>
    public ScriptProcessRunner(string setprivPath = "/usr/bin/setpriv") => _setpriv = setprivPath;

    /// <summary>The argv that runs <paramref name="command"/> plus <paramref name="extraArguments"/> as <paramref name="user"/>.</summary>
    public List<string> BuildArgv(string command, IEnumerable<string> extraArguments, ScriptUser? user)
    {
        var argv = new List<string>();
        if (user is not null && user.Uid != ScriptUser.CurrentUid)
        {
            argv.AddRange([_setpriv, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--init-groups", "--"]);
        }

        argv.AddRange(ScriptCommandLine.Split(command));
        argv.AddRange(extraArguments);
        return argv;
    }

    /// <summary>Runs a check and waits for it (or its timeout).</summary>
    public async Task<ScriptOutcome> RunCheckAsync(string command, ScriptUser? user, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<string> argv = BuildArgv(command, [], user);
        Process? process = TryStart(argv, out string? error);
        if (process is null)
        {
            return new ScriptOutcome(false, null, false, error);
        }

        using (process)
        {
            Task drain = DrainAsync(process);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutCts.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await Settle(drain).ConfigureAwait(false);
                return new ScriptOutcome(false, null, !cancellationToken.IsCancellationRequested);
            }

            await Settle(drain).ConfigureAwait(false);
            return new ScriptOutcome(process.ExitCode == 0, process.ExitCode, false);
        }
    }

    /// <summary>Starts a notify script and lets it run; the process is reaped in the background.</summary>
    /// <returns>Null, or why it could not be started.</returns>
    public string? StartNotify(string command, IEnumerable<string> arguments, ScriptUser? user)
    {
        Process? process = TryStart(BuildArgv(command, arguments, user), out string? error);
        if (process is null)
        {
            return error;
        }

        _ = Task.Run(async () =>
        {
            using (process)
            {
                Task drain = DrainAsync(process);
                await process.WaitForExitAsync().ConfigureAwait(false);
                await Settle(drain).ConfigureAwait(false);
            }
        });
        return null;
    }

    private static Process? TryStart(List<string> argv, out string? error)
    {
        error = null;
        if (argv.Count == 0)
        {
            error = "empty command";
            return null;
        }

        var psi = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            Process p = Process.Start(psi) ?? throw new Win32Exception("not started");
            p.StandardInput.Close();
            return p;
        }
        catch (Win32Exception e)
        {
            error = $"{argv[0]}: {e.Message}";
            return null;
        }
    }

    private static Task DrainAsync(Process p) =>
        Task.WhenAll(
            p.StandardOutput.BaseStream.CopyToAsync(Stream.Null),
            p.StandardError.BaseStream.CopyToAsync(Stream.Null));

    /// <summary>
    /// Waits briefly for the output pipes to close: a grandchild that daemonized may hold them
    /// open forever, and that must not hold up the result.
    /// </summary>
    private static async Task Settle(Task drain)
    {
        try
        {
            await drain.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Left to finish on its own.
        }
        catch (IOException)
        {
            // Pipe torn down by the kill.
        }
    }

    private static void Kill(Process p)
    {
        try
        {
            p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
