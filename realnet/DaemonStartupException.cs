namespace VrrpLab.RealNet;

/// <summary>
/// The daemon cannot start on this host (an interface that does not exist, a missing capability,
/// a configuration it cannot run). The CLI prints <see cref="Exception.Message"/> and exits 2.
/// </summary>
public sealed class DaemonStartupException(string message) : Exception(message);
