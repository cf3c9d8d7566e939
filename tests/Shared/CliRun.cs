using VrrpLab.Cli;

namespace VrrpLab.Tests.Shared;

/// <summary>Runs <c>vrrplab</c> in-process, as its <c>Main</c> does, and captures what it prints.</summary>
internal static class CliRun
{
    /// <summary><c>vrrplab ARGS</c>: its exit code, standard output and standard error.</summary>
    public static (int Code, string Out, string Err) Execute(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Execute(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
