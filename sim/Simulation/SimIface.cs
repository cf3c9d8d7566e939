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
    /// The host's neighbour (ARP) entry for its segment's client, which it needs before it can answer the
    /// client (an echo reply): learned from an ARP request of the client for an address this interface
    /// holds, or by resolving the client itself. Lost with the carrier or the host (Linux flushes it).
    /// </summary>
    public bool KnowsClient { get; set; }

    /// <summary>True while this interface resolves the client (a broadcast request every second).</summary>
    public bool ResolvingClient { get; set; }

    /// <summary>Counts the times the entry was flushed: events scheduled before a flush are ignored after it.</summary>
    public long NeighbourEpoch { get; set; }

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
