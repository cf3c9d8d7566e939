using VrrpLab.Engine.Configuration;

namespace VrrpLab.Cli.Daemon;

/// <summary>The configuration the daemon runs (null if the reader rejected the file) and the messages to print.</summary>
/// <param name="Config">The configuration, or null when there were errors.</param>
/// <param name="Messages">Diagnostics as <c>file:line:col: severity: message</c>.</param>
public sealed record DaemonConfigLoad(RouterConfig? Config, IReadOnlyList<string> Messages)
{
    /// <summary>Where each instance and keyword was written, to locate startup problems.</summary>
    public VrrpLab.Config.Reading.ConfigSourceMap? Source { get; init; }
}
