namespace VrrpLab.RealNet.Bench;

/// <summary>Measured failovers of one implementation (milliseconds).</summary>
/// <param name="GracefulToClient">SIGTERM of the master to the client's first echo reply from the backup.</param>
/// <param name="GracefulVipMove">SIGTERM to the VIP appearing on the backup (address polling, 10 ms steps).</param>
/// <param name="CrashToClient">Cable pull + SIGKILL of the master to the client's first reply from the backup.</param>
/// <param name="CrashVipMove">Crash to the VIP appearing on the backup.</param>
public sealed record FailoverSamples(
    IReadOnlyList<double> GracefulToClient,
    IReadOnlyList<double> GracefulVipMove,
    IReadOnlyList<double> CrashToClient,
    IReadOnlyList<double> CrashVipMove);
