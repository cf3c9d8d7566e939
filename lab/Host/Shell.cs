using System.Diagnostics;

namespace VrrpLab.Lab.Host;

/// <summary>The outcome of a short command.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>True for exit code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>This result, or a <see cref="LabException"/> naming the command and its error output.</summary>
    public CommandResult EnsureSuccess() =>
        Succeeded ? this : throw new LabException($"'{CommandLine}' failed ({ExitCode}): {StdErr.Trim()}{StdOut.Trim()}");
}

/// <summary>Runs short-lived commands (ip, nft, tshark, ping...) with a bound on their run time: the lab's and the namespace tests' one implementation.</summary>
public static class Shell
{
    /// <summary>The default bound for one command.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; kills it past <see cref="Timeout"/>.</summary>
    public static CommandResult Run(string file, params string[] args) => Run(file, args, input: null, timeout: null);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; kills it past <paramref name="timeout"/> (default <see cref="Timeout"/>).</summary>
    public static CommandResult Run(string file, IEnumerable<string> args, TimeSpan? timeout) => Run(file, args, input: null, timeout);

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/>, writing <paramref name="input"/> (if any) on
    /// its stdin; kills it past <paramref name="timeout"/> (default <see cref="Timeout"/>).
    /// </summary>
    public static CommandResult Run(string file, IEnumerable<string> args, string? input, TimeSpan? timeout)
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
            throw new LabException($"cannot run '{commandLine}': {e.Message}");
        }

        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading its input; its exit code and stderr say why.
        }

        if (!process.WaitForExit(timeout ?? Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(commandLine, -1, stdout.Result, stderr.Result + " (timed out)");
        }

        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a command; throws a <see cref="LabException"/> unless it exits with 0; returns its stdout.</summary>
    public static string Check(string file, params string[] args) => Run(file, args).EnsureSuccess().StdOut;

    /// <summary>Runs <c>ip ARGS</c>; throws a <see cref="LabException"/> unless it succeeds; returns its output.</summary>
    public static string Ip(params string[] args) => Run("ip", args).EnsureSuccess().StdOut;

    /// <summary>The full path of <paramref name="tool"/> on PATH or in the sbin directories, or null.</summary>
    public static string? Which(string tool)
    {
        string path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
    }
}
