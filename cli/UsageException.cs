namespace VrrpLab.Cli;

/// <summary>Bad command-line usage: reported as a message and exit code 2, never a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
