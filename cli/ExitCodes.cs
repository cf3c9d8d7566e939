namespace VrrpLab.Cli;

/// <summary>The exit codes fixed by spec/cli.md.</summary>
public static class ExitCodes
{
    /// <summary>All good.</summary>
    public const int Ok = 0;

    /// <summary>A check or expectation failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad input or usage.</summary>
    public const int Usage = 2;
}
