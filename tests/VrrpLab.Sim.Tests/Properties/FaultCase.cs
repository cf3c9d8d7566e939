namespace VrrpLab.Sim.Tests.Properties;

/// <summary>
/// A generated cluster (2-4 nodes on segment <c>lan</c>, one VRRP instance VRID 51, all nodes
/// started at 0s) and a fault schedule. It runs in process (<see cref="ToScenario"/>) and prints as
/// a scenario file that reproduces it (<see cref="ToYaml"/>).
/// </summary>
/// <param name="Version">VRRP version, 2 or 3.</param>
/// <param name="IntervalCs">advert_int in centiseconds (whole seconds for v2).</param>
/// <param name="Nodes">The hosts.</param>
/// <param name="Faults">Faults; no two share a resource (node, partition, loss) at the same time.</param>
/// <param name="Seed">The simulation seed (drives random loss).</param>
public sealed record FaultCase(int Version, int IntervalCs, ImmutableArray<ClusterNode> Nodes, ImmutableArray<Fault> Faults, ulong Seed)
{
    /// <summary>The segment's one-way latency (the scenario format's default).</summary>
    public const long LatencyUs = 100;

    /// <summary>The VIP.</summary>
    public const string Vip = "10.0.0.100";

    /// <summary>advert_int in microseconds.</summary>
    public long IntervalUs => IntervalCs * 10_000L;

    /// <summary>Master_Down_Interval of a node.</summary>
    public long MasterDownUs(ClusterNode n) => VrrpTiming.MasterDownUs(Version, n.Priority, IntervalUs);

    /// <summary>The longest Master_Down_Interval in the cluster.</summary>
    public long MaxMasterDownUs => Nodes.Max(MasterDownUs);

    /// <summary>When the last fault is undone (0 without faults): every node is running from then on.</summary>
    public long LastHealUs => Faults.IsEmpty ? 0 : Faults.Max(f => f.EndMs) * 1000;

    /// <summary>
    /// The run's length: the last heal, one MDI plus latency to settle, and three more intervals to
    /// observe the settled cluster.
    /// </summary>
    public long DurationUs
    {
        get
        {
            long us = LastHealUs + MaxMasterDownUs + LatencyUs + (3 * IntervalUs) + 500_000;
            return (us + 999) / 1000 * 1000;
        }
    }

    /// <summary>The node called <paramref name="name"/>.</summary>
    public ClusterNode Node(string name) => Nodes.First(n => n.Name == name);

    /// <summary>Whether two nodes can exchange adverts at <paramref name="us"/> (no active fault separates them).</summary>
    public bool CanReach(string a, string b, long us) =>
        !Faults.Any(f => f.AtMs * 1000 <= us && us < f.EndMs * 1000 && f.Separates(a, b));

    /// <summary>The intervals [start, end) in which some fault separates the two nodes, merged and sorted.</summary>
    public List<(long Start, long End)> SeparatedIntervals(string a, string b)
    {
        var spans = Faults.Where(f => f.Separates(a, b)).Select(f => (Start: f.AtMs * 1000, End: f.EndMs * 1000)).OrderBy(s => s.Start).ToList();
        var merged = new List<(long Start, long End)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.End));
            }
            else
            {
                merged.Add(s);
            }
        }

        return merged;
    }

    /// <summary>The timeline as (ms, YAML action) in applied order: by time, undo before do at one instant.</summary>
    public List<(long Ms, string Action)> TimelineLines()
    {
        var lines = new List<(long Ms, int Order, int Seq, string Action)>();
        int seq = 0;
        foreach (Fault f in Faults)
        {
            var (begin, end) = f.YamlActions();
            lines.Add((f.AtMs, 1, seq++, begin));
            if (end is not null)
            {
                lines.Add((f.EndMs, 0, seq++, end));
            }
        }

        return lines.OrderBy(l => l.Ms).ThenBy(l => l.Order).ThenBy(l => l.Seq).Select(l => (l.Ms, l.Action)).ToList();
    }

    /// <summary>The keepalived.conf of a node.</summary>
    public string KeepalivedConf(ClusterNode n)
    {
        var sb = new StringBuilder();
        sb.Append("vrrp_instance VI_1 {\n");
        sb.Append("    state BACKUP\n");
        sb.Append("    interface eth0\n");
        if (Version == 3)
        {
            sb.Append("    version 3\n");
        }

        sb.Append("    virtual_router_id 51\n");
        sb.Append("    priority ").Append(n.Priority.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (n.Nopreempt)
        {
            sb.Append("    nopreempt\n");
        }

        sb.Append("    advert_int ").Append((IntervalCs / 100.0).ToString("0.##", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("    virtual_ipaddress { ").Append(Vip).Append(" }\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>
    /// The case as a scenario file the loader accepts. <paramref name="comment"/> (e.g. the violated
    /// property) is written as a comment block at the top, <paramref name="expect"/> as its expectations.
    /// </summary>
    public string ToYaml(string? comment = null, string name = "property-counterexample", IReadOnlyList<string>? expect = null)
    {
        var sb = new StringBuilder();
        if (comment is not null)
        {
            foreach (string line in comment.Split('\n'))
            {
                sb.Append("# ").Append(line.TrimEnd()).Append('\n');
            }
        }

        sb.Append("name: ").Append(name).Append('\n');
        sb.Append("seed: ").Append(Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("duration: ").Append(Fault.Seconds(DurationUs / 1000)).Append('\n');
        sb.Append("autostart: true\n");
        sb.Append("nodes:\n");
        foreach (ClusterNode n in Nodes)
        {
            sb.Append("  ").Append(n.Name).Append(":\n");
            sb.Append("    address: ").Append(n.Address).Append("/24\n");
            sb.Append("    keepalived: |\n");
            foreach (string line in KeepalivedConf(n).TrimEnd('\n').Split('\n'))
            {
                sb.Append("      ").Append(line).Append('\n');
            }
        }

        var timeline = TimelineLines();
        if (timeline.Count > 0)
        {
            sb.Append("timeline:\n");
            foreach (var (ms, action) in timeline)
            {
                sb.Append("  - { at: ").Append(Fault.Seconds(ms)).Append(", ").Append(action).Append(" }\n");
            }
        }

        if (expect is { Count: > 0 })
        {
            sb.Append("expect:\n");
            foreach (string e in expect)
            {
                sb.Append("  - ").Append(e).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The same case as the loader would build it from <see cref="ToYaml"/>, without the file.</summary>
    public Scenario ToScenario(string name = "property-case")
    {
        var nodes = Nodes.Select(n => new NodeSpec(
            n.Name,
            [new InterfaceSpec("eth0", "lan", IPAddress.Parse(n.Address), 24)],
            new RouterConfig
            {
                Instances =
                [
                    new VrrpInstanceConfig
                    {
                        Name = "VI_1",
                        Interface = "eth0",
                        VirtualRouterId = 51,
                        Priority = (byte)n.Priority,
                        State = InitialState.Backup,
                        Version = Version == 3 ? VrrpVersion.V3 : VrrpVersion.V2,
                        AdvertInterval = Duration.FromMicroseconds(IntervalUs),
                        Nopreempt = n.Nopreempt,
                        VirtualAddresses = [VirtualAddress.Host(IPAddress.Parse(Vip))],
                    },
                ],
            })).ToImmutableArray();

        var entries = new List<(long Ms, int Order, int Seq, TimelineAction Action)>();
        int seq = 0;
        foreach (Fault f in Faults)
        {
            switch (f)
            {
                case CrashFault c:
                    entries.Add((c.AtMs, 1, seq++, new CrashAction([c.Node])));
                    entries.Add((c.EndMs, 0, seq++, new StartAction([c.Node])));
                    break;
                case StopFault s:
                    entries.Add((s.AtMs, 1, seq++, new StopAction([s.Node])));
                    entries.Add((s.EndMs, 0, seq++, new StartAction([s.Node])));
                    break;
                case KillFault k:
                    entries.Add((k.AtMs, 1, seq++, new KillAction([k.Node])));
                    entries.Add((k.EndMs, 0, seq++, new StartAction([k.Node])));
                    break;
                case PauseFault p:
                    entries.Add((p.AtMs, 1, seq++, new PauseAction(p.Node, Duration.FromMilliseconds(p.ForMs))));
                    break;
                case PartitionFault p:
                    entries.Add((p.AtMs, 1, seq++, new PartitionAction(p.Groups)));
                    entries.Add((p.EndMs, 0, seq++, new HealAction()));
                    break;
                case LossFault l:
                    entries.Add((l.AtMs, 1, seq++, new LossAction("lan", new Rate(l.RatePercent * 10_000))));
                    entries.Add((l.EndMs, 0, seq++, new LossAction("lan", Rate.Zero)));
                    break;
            }
        }

        return new Scenario
        {
            Name = name,
            Seed = Seed,
            Duration = Duration.FromMicroseconds(DurationUs),
            Autostart = true,
            Nodes = nodes,
            Timeline = entries.OrderBy(e => e.Ms).ThenBy(e => e.Order).ThenBy(e => e.Seq)
                .Select(e => new TimelineEntry(Duration.FromMilliseconds(e.Ms), e.Action)).ToImmutableArray(),
        };
    }

    /// <summary>The reproducer file: FsCheck prints the shrunk case with this.</summary>
    public override string ToString() => "\n" + ToYaml();
}
