using System.Net;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>A host interface during a run.</summary>
internal sealed class SimIface(InterfaceSpec spec, int index, int segment)
{
    public InterfaceSpec Spec { get; } = spec;

    public string Name => Spec.Name;

    public int Index { get; } = index;

    public int Segment { get; } = segment;

    public bool LinkUp { get; set; } = true;

    /// <summary>
    /// The IPv6 link-local address: as given, else fe80::/64 with the IPv4 address in the last 32 bits
    /// (every Linux interface has one; VRRPv3 over IPv6 sends from it).
    /// </summary>
    public IPAddress LinkLocal { get; } = spec.LinkLocal ?? DeriveLinkLocal(spec.Address);

    private static IPAddress DeriveLinkLocal(IPAddress v4)
    {
        byte[] b = new byte[16];
        b[0] = 0xfe;
        b[1] = 0x80;
        v4.GetAddressBytes().CopyTo(b, 12);
        return new IPAddress(b);
    }

    /// <summary>True if <paramref name="a"/> is one of this interface's own addresses.</summary>
    public bool Owns(IPAddress a) => a.Equals(Spec.Address) || a.Equals(LinkLocal);

    /// <summary>Virtual addresses on this interface, in the order they were added, with the instance that added them.</summary>
    public List<(IPAddress Address, string Instance)> Vips { get; } = [];

    public bool Holds(IPAddress ip)
    {
        foreach ((IPAddress a, string _) in Vips)
        {
            if (a.Equals(ip))
            {
                return true;
            }
        }

        return false;
    }
}
