namespace VrrpLab.RealNet.Bench;

/// <summary>One failover's times (ms; NaN when the capture did not hold the packet).</summary>
/// <param name="ClientMs">Failure to the client's first reply from the backup.</param>
/// <param name="VipMs">Failure to the VIP on the backup (polled).</param>
/// <param name="SinceLastAdvertMs">The master's last advert before the failure to the client's first reply.</param>
/// <param name="ResignationMs">SIGTERM to the priority-0 advert on the wire.</param>
/// <param name="BackupReactionMs">The priority-0 advert to the backup's first advert on the wire.</param>
internal readonly record struct FailoverTimes(double ClientMs, double VipMs, double SinceLastAdvertMs, double ResignationMs, double BackupReactionMs);
