using System.Collections.Immutable;
using System.Net;

namespace VrrpLab.Sim.Clusters;

/// <summary>One instance (on one host) that adds a virtual address when it is MASTER.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Instance">The <c>vrrp_instance</c> name.</param>
/// <param name="Vrid">Its <c>virtual_router_id</c>.</param>
/// <param name="Device">The interface the address is added on (<c>dev</c>, else the instance's interface).</param>
/// <param name="Segment">That interface's segment.</param>
public sealed record VipHolder(string Node, string Instance, byte Vrid, string Device, string Segment);

/// <summary>
/// A virtual address and every instance that may hold it: the unit <c>vrrplab check</c> judges,
/// as the VIP's clients see it (two VRIDs holding one VIP answer ARP for it twice).
/// </summary>
/// <param name="Address">The VIP.</param>
/// <param name="Holders">The instances that add it, in host order.</param>
/// <param name="Segments">The segments where clients use it: those whose subnet contains it, else where it is added.</param>
public sealed record VipPlacement(IPAddress Address, ImmutableArray<VipHolder> Holders, ImmutableArray<string> Segments)
{
    /// <summary>The distinct VRIDs that carry it (more than one is a split brain at start).</summary>
    public ImmutableArray<byte> Vrids => [.. Holders.Select(h => h.Vrid).Distinct()];
}
