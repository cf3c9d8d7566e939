using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Sim.Simulation;

/// <summary>A host and its keepalived process during a run.</summary>
internal sealed class SimNode(NodeSpec spec, int index, SimIface[] ifaces)
{
    public NodeSpec Spec { get; } = spec;

    /// <summary>The configuration the node's routers run: the spec's, with the implementation's packet policy.</summary>
    public Engine.Configuration.RouterConfig Config { get; init; } = spec.Config;

    public string Name => Spec.Name;

    public int Index { get; } = index;

    public SimIface[] Ifaces { get; } = ifaces;

    public bool HostUp { get; set; } = true;

    public VrrpRouter? Router { get; set; }

    public long ProcessGeneration { get; set; }

    /// <summary>True between a start and the end of its start-up delay (<see cref="SimulationOptions.StartupDelaysUs"/>).</summary>
    public bool Starting { get; set; }

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; set; }

    public bool Paused { get; set; }

    public long PausedUntil { get; set; }

    public bool PendingStop { get; set; }

    public Queue<SimEvent> PendingInputs { get; } = new();

    public long WakeGeneration { get; set; }

    public long WakeAt { get; set; } = long.MinValue;

    public NodeClock Clock { get; } = new();

    public Dictionary<string, bool> ScriptOk { get; } = new(StringComparer.Ordinal);

    /// <summary>How many processes of each name run on the host (<c>process</c> actions; none unless one said so).</summary>
    public Dictionary<string, int> ProcessCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The running keepalived's quorum of each <c>vrrp_track_process</c> block (configuration order); null when it does not run.</summary>
    public ProcessQuorum[]? Quorums { get; set; }

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
