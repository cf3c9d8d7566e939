namespace VrrpLab.Cli.Commands;

/// <summary><c>vrrplab graph</c>. (Being built.)</summary>
public sealed class GraphCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "graph";

    /// <inheritdoc/>
    public string Summary => "print the VRRP state machine as defined in the engine";

    /// <inheritdoc/>
    public string Help => "usage: vrrplab graph";

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("vrrplab graph: not built yet");
        return ExitCodes.Usage;
    }
}
