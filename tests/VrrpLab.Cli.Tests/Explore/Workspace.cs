using System.Diagnostics;

namespace VrrpLab.Cli.Tests.Explore;

/// <summary>
/// A scratch folder laid out like a checkout (its <c>scenarios/</c> is the repository's), with a
/// <c>vrrplab</c> launcher for the built CLI, where the runner files' shell steps are run as written.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public Workspace(string name)
    {
        Dir = Path.Combine(Path.GetTempPath(), $"vrrplab-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Dir);
        Bin = Path.Combine(Dir, "vrrplab-bin");
        Directory.CreateDirectory(Bin);
        string launcher = Path.Combine(Bin, "vrrplab");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet \"{Path.Combine(TestContext.CurrentContext.TestDirectory, "vrrplab.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Directory.CreateSymbolicLink(Path.Combine(Dir, "scenarios"), Path.Combine(Root, "scenarios"));
    }

    public static string Root => Repository.Root;

    public string Dir { get; }

    public string Bin { get; }

    /// <summary>Runs a shell script in the workspace (bash, as both runners do); returns exit code and stdout.</summary>
    public (int Code, string Stdout, string Stderr) Bash(string script, IReadOnlyDictionary<string, string> env, string? workDir = null)
    {
        var psi = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = workDir ?? Dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach ((string k, string v) in env)
        {
            psi.Environment[k] = v;
        }

        psi.Environment["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(true);
            throw new TimeoutException(script);
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
