namespace VrrpLab.RealNet.Bench;

/// <summary>Measured failovers of one implementation (milliseconds).</summary>
/// <param name="GracefulToClient">SIGTERM of the master to the client's first echo reply from the backup.</param>
/// <param name="GracefulVipMove">SIGTERM to the VIP appearing on the backup (address polling, 10 ms steps).</param>
/// <param name="GracefulResignation">SIGTERM to the master's priority-0 advert on the wire.</param>
/// <param name="GracefulBackupReaction">The priority-0 advert to the backup's first advert on the wire (ideally its Skew_Time).</param>
/// <param name="CrashToClient">Cable pull + SIGKILL of the master to the client's first reply from the backup.</param>
/// <param name="CrashVipMove">Crash to the VIP appearing on the backup.</param>
/// <param name="CrashSinceLastAdvert">The crashed master's last advert on the wire to the client's first reply from the backup
/// (the crash's phase within the advert interval taken out: ideally Master_Down_Interval plus the gratuitous ARP).</param>
public sealed record FailoverSamples(
    IReadOnlyList<double> GracefulToClient,
    IReadOnlyList<double> GracefulVipMove,
    IReadOnlyList<double> GracefulResignation,
    IReadOnlyList<double> GracefulBackupReaction,
    IReadOnlyList<double> CrashToClient,
    IReadOnlyList<double> CrashVipMove,
    IReadOnlyList<double> CrashSinceLastAdvert);
