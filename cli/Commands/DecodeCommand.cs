namespace VrrpLab.Cli.Commands;

/// <summary><c>vrrplab decode</c>. (Being built.)</summary>
public sealed class DecodeCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "decode";

    /// <inheritdoc/>
    public string Summary => "decode VRRP packets with every validation verdict";

    /// <inheritdoc/>
    public string Help => "usage: vrrplab decode";

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("vrrplab decode: not built yet");
        return ExitCodes.Usage;
    }
}
