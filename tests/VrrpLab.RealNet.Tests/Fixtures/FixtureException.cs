namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// The namespace LAN, a tool or a peer process did not do what a test needs (missing tool, command
/// failed, a bounded wait ran out). The message says what, with the command or log that shows why.
/// </summary>
public sealed class FixtureException(string message) : Exception(message);
