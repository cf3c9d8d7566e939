using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore;

/// <summary>
/// The cluster explore runs schedules against: its hosts (interfaces, keepalived configuration)
/// and network, from a scenario file (its timeline and expectations dropped) or from keepalived.conf
/// files (the topology <c>vrrplab check</c> derives). Also what the generator needs to know: the
/// nodes, their tracked scripts and VRRP interfaces, the segments, and the longest timers.
/// </summary>
public sealed class ExploreCluster
{
    /// <summary>Creates the cluster from a base scenario (network and nodes) and where each node's configuration came from.</summary>
    /// <param name="baseScenario">Network and nodes; its timeline and expectations are ignored.</param>
    /// <param name="sources">Each node's keepalived.conf text or file, in node order (for the written counterexamples).</param>
    /// <param name="inputs">The files explored, as given on the command line.</param>
    public ExploreCluster(Scenario baseScenario, ImmutableArray<NodeSource> sources, ImmutableArray<string> inputs)
    {
        if (sources.Length != baseScenario.Nodes.Length)
        {
            throw new ArgumentException("one source per node", nameof(sources));
        }

        Base = baseScenario with { Timeline = [], Expectations = [], Autostart = true };
        Sources = sources;
        Inputs = inputs;
        NodeNames = [.. baseScenario.Nodes.Select(n => n.Name)];

        var scripts = ImmutableArray.CreateBuilder<(string, string)>();
        var links = ImmutableArray.CreateBuilder<(string, string)>();
        var segments = new List<string>();
        var floods = ImmutableArray.CreateBuilder<(string, byte)>();
        long mdi = 0;
        long interval = long.MaxValue;
        long scriptDetect = 0;
        foreach (NodeSpec node in baseScenario.Nodes)
        {
            var known = node.Config.Scripts.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (VrrpInstanceConfig inst in node.Config.Instances)
            {
                foreach (ScriptTrack t in inst.TrackScripts)
                {
                    if (known.Contains(t.Name) && !scripts.Contains((node.Name, t.Name)))
                    {
                        scripts.Add((node.Name, t.Name));
                    }
                }

                if (node.FindInterface(inst.Interface) is { } own && !floods.Contains((own.Segment, inst.VirtualRouterId)))
                {
                    floods.Add((own.Segment, inst.VirtualRouterId));
                }

                foreach (string iface in inst.TrackInterfaces.Select(t => t.Interface).Prepend(inst.Interface))
                {
                    if (node.FindInterface(iface) is { } spec && !links.Contains((node.Name, iface)))
                    {
                        links.Add((node.Name, iface));
                        if (!segments.Contains(spec.Segment))
                        {
                            segments.Add(spec.Segment);
                        }
                    }
                }

                mdi = Math.Max(mdi, VrrpTimers.MasterDownInterval(inst.Version, 1, inst.AdvertInterval, inst.DownTimerAdverts).Microseconds
                    + inst.EffectivePreemptDelay.Microseconds + node.Config.StartupDelay.Microseconds);
                interval = Math.Min(interval, inst.AdvertInterval.Microseconds);
            }

            foreach (TrackedScript s in node.Config.Scripts)
            {
                scriptDetect = Math.Max(scriptDetect, (Math.Max(s.Rise, s.Fall) * s.Interval.Microseconds) + s.Timeout.Microseconds);
            }
        }

        Scripts = scripts.ToImmutable();
        Links = links.ToImmutable();
        Floods = floods.ToImmutable();
        Segments = [.. baseScenario.Segments.Where(s => segments.Contains(s.Name))];
        MasterDownUs = Math.Max(mdi, 1_000);
        AdvertIntervalUs = interval == long.MaxValue ? 1_000_000 : interval;
        SettleUs = MasterDownUs + scriptDetect + AdvertIntervalUs;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>Network and nodes (no timeline, no expectations).</summary>
    public Scenario Base { get; }

    /// <summary>Each node's keepalived configuration source, in node order.</summary>
    public ImmutableArray<NodeSource> Sources { get; }

    /// <summary>
    /// <paramref name="scenario"/> (one of this cluster's) as a scenario file that replays it: each
    /// node's keepalived.conf inline, or by path when it uses <c>include</c>; <paramref name="comments"/> first.
    /// </summary>
    public string ScenarioFile(Scenario scenario, IEnumerable<string> comments) =>
        ScenarioYamlWriter.Write(scenario, (_, i) => Sources[i].Text is { } text ? KeepalivedRef.Text(text) : KeepalivedRef.File(Sources[i].Path!), comments);

    /// <summary>The files explored, as given.</summary>
    public ImmutableArray<string> Inputs { get; }

    /// <summary>Node names in order.</summary>
    public ImmutableArray<string> NodeNames { get; }

    /// <summary>Every (node, vrrp_script) an instance tracks: what <c>script</c> faults fail.</summary>
    public ImmutableArray<(string Node, string Script)> Scripts { get; }

    /// <summary>Every (node, interface) an instance runs on or tracks: what <c>link</c> faults cut.</summary>
    public ImmutableArray<(string Node, string Interface)> Links { get; }

    /// <summary>Every (segment, VRID) an instance runs on: what <c>flood</c> faults name.</summary>
    public ImmutableArray<(string Segment, byte Vrid)> Floods { get; }

    /// <summary>The segments VRRP runs on: what <c>loss</c> and <c>latency</c> faults hit.</summary>
    public ImmutableArray<SegmentSpec> Segments { get; }

    /// <summary>The longest Master_Down_Interval any instance can have (priority 1), plus preempt and startup delays.</summary>
    public long MasterDownUs { get; }

    /// <summary>The shortest advert interval.</summary>
    public long AdvertIntervalUs { get; }

    /// <summary>How long after its last fault a schedule leaves the cluster to settle before the run ends.</summary>
    public long SettleUs { get; }

    /// <summary>SHA-256 of the cluster (nodes, addresses, configurations, network): shards of one exploration must agree on it.</summary>
    public string Fingerprint { get; }

    private string ComputeFingerprint()
    {
        var sb = new StringBuilder();
        foreach (SegmentSpec s in Base.Segments)
        {
            sb.Append("segment ").Append(s.Name).Append(' ').Append(s.Latency).Append(' ').Append(s.Jitter).Append(' ').Append(s.Loss).Append('\n');
        }

        for (int i = 0; i < Base.Nodes.Length; i++)
        {
            NodeSpec n = Base.Nodes[i];
            sb.Append("node ").Append(n.Name).Append('\n');
            foreach (InterfaceSpec f in n.Interfaces)
            {
                sb.Append("  ").Append(f.Name).Append(' ').Append(f.Segment).Append(' ').Append(f.Address).Append('/').Append(f.PrefixLength)
                    .Append(' ').Append(f.LinkLocal?.ToString() ?? "-").Append('\n');
            }

            sb.Append(Sources[i].Text ?? ("file " + Sources[i].Path)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
