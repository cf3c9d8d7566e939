namespace VrrpLab.RealNet;

/// <summary>
/// The daemon cannot start on this host (an interface that does not exist, a missing capability,
/// a configuration it cannot run). The CLI prints <see cref="Exception.Message"/> and exits 2.
/// </summary>
public sealed class DaemonStartupException(string message) : Exception(message)
{
    /// <summary>The instance whose configuration the problem comes from, if one does.</summary>
    public string? Instance { get; init; }

    /// <summary>The keyword of that instance the problem comes from (e.g. <c>interface</c>).</summary>
    public string? Keyword { get; init; }
}
