using VrrpLab.Engine.Configuration;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// What re-reading the configuration file gave: the configuration, or null when it must be refused,
/// and the reader's messages (errors and warnings as <c>file:line:col: severity: message</c>).
/// </summary>
/// <param name="Config">The new configuration, or null when the file has errors.</param>
/// <param name="Messages">Messages to log, each naming its file and line.</param>
public sealed record ConfigReload(RouterConfig? Config, IReadOnlyList<string> Messages)
{
    /// <summary>
    /// Where an instance's keyword is written (<c>file:line:col</c>), to locate a problem the host check
    /// finds (an interface that does not exist); null when unknown.
    /// </summary>
    public Func<string, string, string?>? Locate { get; init; }
}
