using VrrpLab.Engine.Configuration;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// What runs VRRP on a node (<c>implementation:</c> in a scenario file, <c>--impl</c> for the lab). The
/// two differ only in what received packets may do (<see cref="PacketPolicy"/>; docs/packet-policy.md).
/// </summary>
public enum NodeImplementation
{
    /// <summary>keepalived 2.2.7 (the default): any packet naming the VRID restarts a MASTER's advert timer.</summary>
    Keepalived = 0,

    /// <summary><c>vrrplab daemon</c> with its default hardened packet policy.</summary>
    Vrrplab,
}

/// <summary>Operations on <see cref="NodeImplementation"/>.</summary>
public static class NodeImplementations
{
    /// <summary>The names in scenario files, in enum order.</summary>
    public static readonly string[] Names = ["keepalived", "vrrplab"];

    /// <summary>The packet policy the implementation runs.</summary>
    public static PacketPolicy PacketPolicy(this NodeImplementation implementation) =>
        implementation == NodeImplementation.Vrrplab ? Engine.Configuration.PacketPolicy.Hardened : Engine.Configuration.PacketPolicy.Keepalived;

    /// <summary>The name in scenario files.</summary>
    public static string Name(this NodeImplementation implementation) => Names[(int)implementation];

    /// <summary>Parses a name of <see cref="Names"/>.</summary>
    public static bool TryParse(string? text, out NodeImplementation implementation)
    {
        int i = Array.IndexOf(Names, text);
        implementation = i < 0 ? NodeImplementation.Keepalived : (NodeImplementation)i;
        return i >= 0;
    }
}
