using System.Net;
using VrrpLab.Engine.StateMachine;
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

/// <summary>A host and its keepalived process during a run.</summary>
internal sealed class SimNode(NodeSpec spec, int index, SimIface[] ifaces)
{
    public NodeSpec Spec { get; } = spec;

    public string Name => Spec.Name;

    public int Index { get; } = index;

    public SimIface[] Ifaces { get; } = ifaces;

    public bool HostUp { get; set; } = true;

    public VrrpRouter? Router { get; set; }

    public long ProcessGeneration { get; set; }

    public bool Paused { get; set; }

    public long PausedUntil { get; set; }

    public bool PendingStop { get; set; }

    public Queue<SimEvent> PendingInputs { get; } = new();

    public long WakeGeneration { get; set; }

    public long WakeAt { get; set; } = long.MinValue;

    public NodeClock Clock { get; } = new();

    public Dictionary<string, bool> ScriptOk { get; } = new(StringComparer.Ordinal);

    public int Group { get; set; }

    /// <summary>Last known state of each configured instance (configuration order).</summary>
    public VrrpState[] States { get; } = new VrrpState[spec.Config.Instances.Length];

    public SimIface? FindIface(string name)
    {
        foreach (SimIface i in Ifaces)
        {
            if (i.Name == name)
            {
                return i;
            }
        }

        return null;
    }

    public int InstanceIndex(string name)
    {
        var list = Spec.Config.Instances;
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A LAN segment during a run, with its random streams and its client's VIPs.</summary>
internal sealed class SimSegment(SegmentSpec spec, int index, ulong seed)
{
    public string Name => Spec.Name;

    public SegmentSpec Spec { get; set; } = spec;

    public int Index { get; } = index;

    public List<(int Node, int Iface)> Members { get; } = [];

    public SimRandom LossRandom { get; } = SimRandom.ForComponent(seed, "segment/" + spec.Name + "/loss");

    public SimRandom JitterRandom { get; } = SimRandom.ForComponent(seed, "segment/" + spec.Name + "/jitter");

    /// <summary>Indices into the simulator's client views of the VIPs used on this segment.</summary>
    public List<int> Views { get; } = [];

    public long Delay() => Spec.Latency.Microseconds + JitterRandom.UpTo(Spec.Jitter.Microseconds);

    public bool Lost() => LossRandom.Chance(Spec.Loss.PartsPerMillion);
}

/// <summary>The segment client's ARP cache entry for one VIP.</summary>
internal sealed class ClientEntry(ClientView view, int segment)
{
    public ClientView View { get; } = view;

    public int Segment { get; } = segment;

    public int CachedNode { get; set; } = -1;

    public int CachedIface { get; set; } = -1;

    public bool Reachable { get; set; }

    public bool ProbePending { get; set; }
}
