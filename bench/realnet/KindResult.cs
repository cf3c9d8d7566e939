using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>Everything measured for one implementation.</summary>
/// <param name="Kind">keepalived or vrrplab.</param>
/// <param name="Failover">Failover samples.</param>
/// <param name="Idle">Idle cost of one instance.</param>
/// <param name="Startup">Milliseconds from launch to the BACKUP entry, per run.</param>
/// <param name="IdleMany">Idle cost of <see cref="BenchOptions.Instances"/> instances.</param>
public sealed record KindResult(PeerKind Kind, FailoverSamples Failover, IdleCost Idle, IReadOnlyList<double> Startup, IdleCost IdleMany);
