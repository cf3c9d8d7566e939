namespace VrrpLab.Cli.Commands;

/// <summary><c>vrrplab check</c>. (Being built.)</summary>
public sealed class CheckCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "check";

    /// <inheritdoc/>
    public string Summary => "lint keepalived.conf files of a cluster and simulate faults against them";

    /// <inheritdoc/>
    public string Help => "usage: vrrplab check";

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("vrrplab check: not built yet");
        return ExitCodes.Usage;
    }
}
