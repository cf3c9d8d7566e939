namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>The outcome of one short-lived command run by <see cref="Shell"/>.</summary>
/// <param name="CommandLine">The command as run, for messages.</param>
/// <param name="ExitCode">Its exit code (-1 when it timed out and was killed).</param>
/// <param name="StdOut">Everything it wrote on stdout.</param>
/// <param name="StdErr">Everything it wrote on stderr.</param>
public sealed record CommandResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>True when the command exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws a <see cref="FixtureException"/> naming the command and its output unless it succeeded.</summary>
    public CommandResult EnsureSuccess() =>
        Succeeded ? this : throw new FixtureException($"'{CommandLine}' exited with {ExitCode}: {StdErr.Trim()} {StdOut.Trim()}");
}
