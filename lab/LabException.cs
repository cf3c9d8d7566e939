namespace VrrpLab.Lab;

/// <summary>
/// The lab cannot run: no root, a missing tool, a command that failed while building the network.
/// The message says what and how to fix it; the command line reports it with exit code 2.
/// </summary>
public sealed class LabException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LabException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LabException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
