using System.Net;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Sim.Events;

/// <summary>A VIP appeared on (<c>vip_add</c>) or disappeared from (<c>vip_del</c>) a host's interface.</summary>
/// <param name="TimeUs">When.</param>
/// <param name="Node">The host.</param>
/// <param name="Instance">The instance that added it.</param>
/// <param name="Interface">The interface holding it.</param>
/// <param name="Address">The VIP.</param>
/// <param name="Added">True for an addition.</param>
/// <param name="Cause">Why (written to the trace for a removal).</param>
public sealed record VipRecord(long TimeUs, string Node, string Instance, string Interface, IPAddress Address, bool Added, string Cause)
    : RunEvent(TimeUs, Node)
{
    /// <inheritdoc/>
    public override TraceKind Kind => Added ? TraceKind.VipAdd : TraceKind.VipDel;

    /// <inheritdoc/>
    public override TraceEvent ToTrace() =>
        Line() with { Instance = Instance, Interface = Interface, Address = Address.ToString(), Cause = Added ? null : Cause };
}
