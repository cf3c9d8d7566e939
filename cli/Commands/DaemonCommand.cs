namespace VrrpLab.Cli.Commands;

/// <summary><c>vrrplab daemon</c>. (Being built.)</summary>
public sealed class DaemonCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "daemon";

    /// <inheritdoc/>
    public string Summary => "run VRRP for real on this host from a keepalived.conf";

    /// <inheritdoc/>
    public string Help => "usage: vrrplab daemon";

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("vrrplab daemon: not built yet");
        return ExitCodes.Usage;
    }
}
