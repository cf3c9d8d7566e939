using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>Everything measured for one implementation.</summary>
/// <param name="Kind">keepalived or vrrplab.</param>
/// <param name="Failover">Failover samples.</param>
/// <param name="Idle">Idle cost.</param>
public sealed record KindResult(PeerKind Kind, FailoverSamples Failover, IdleCost Idle);
