using System.Diagnostics;

namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>Runs short-lived commands (ip, tshark, ping...) with a bound on their run time.</summary>
public static class Shell
{
    /// <summary>The default bound for one command.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; kills it when it runs past <paramref name="timeout"/>.</summary>
    public static CommandResult Run(string file, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        string commandLine = file + " " + string.Join(' ', psi.ArgumentList);
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FixtureException($"cannot run '{commandLine}': {e.Message}");
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(commandLine, -1, stdout.Result, stderr.Result + " (timed out)");
        }

        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a command and throws a <see cref="FixtureException"/> unless it exits with 0; returns its stdout.</summary>
    public static string Check(string file, params string[] args) => Run(file, args).EnsureSuccess().StdOut;

    /// <summary>Runs <c>ip ARGS</c> and throws unless it succeeds.</summary>
    public static string Ip(params string[] args) => Check("ip", args);
}
