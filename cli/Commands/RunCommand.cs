namespace VrrpLab.Cli.Commands;

/// <summary><c>vrrplab run</c>. (Being built.)</summary>
public sealed class RunCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "run";

    /// <inheritdoc/>
    public string Summary => "run scenario files in the deterministic simulator";

    /// <inheritdoc/>
    public string Help => "usage: vrrplab run";

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("vrrplab run: not built yet");
        return ExitCodes.Usage;
    }
}
