using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using VrrpLab.Lab.Host;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Network;

/// <summary>A node's interface in the lab: its veth in the node's namespace and the bridge port it plugs into.</summary>
/// <param name="Node">The node.</param>
/// <param name="Name">The interface name, as in the node's keepalived.conf (<c>ens32</c>).</param>
/// <param name="Segment">Its segment.</param>
/// <param name="Address">Its address.</param>
/// <param name="PrefixLength">The address's prefix length.</param>
/// <param name="Mac">Its MAC (lower case).</param>
/// <param name="Port">The bridge port (in the segment's namespace).</param>
public sealed record LabInterface(string Node, string Name, string Segment, IPAddress Address, int PrefixLength, string Mac, string Port);

/// <summary>A segment in the lab: a bridge in a namespace of its own, and a client namespace plugged into it.</summary>
/// <param name="Name">The segment's name in the scenario.</param>
/// <param name="Namespace">The namespace holding the bridge <c>br0</c>.</param>
/// <param name="ClientNamespace">The client's namespace (its interface is <c>eth0</c>).</param>
/// <param name="ClientAddress">The client's address.</param>
/// <param name="ClientPort">The client's bridge port.</param>
public sealed record LabSegment(string Name, string Namespace, string ClientNamespace, IPAddress ClientAddress, string ClientPort);

/// <summary>
/// The scenario's network built from namespaces: per segment a bridge namespace and a client namespace,
/// per node a namespace with one veth per interface, named as in its keepalived.conf and carrying the
/// file's address, so the configuration runs verbatim. Faults act on the bridge ports: a link down is the
/// port down (the node's interface loses carrier); partitions and loss are an nftables filter on the
/// bridge (<see cref="BridgeFilter"/>), replaced in one transaction per segment.
/// Nothing is created outside these namespaces. <see cref="Dispose"/> kills whatever still runs inside
/// them and deletes them.
/// </summary>
public sealed partial class LabNetwork : IDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly Dictionary<string, string> _nodeNs = new(StringComparer.Ordinal);
    private readonly List<LabInterface> _interfaces = [];
    private readonly Dictionary<string, LabSegment> _segments = new(StringComparer.Ordinal);
    private readonly Scenario _scenario;
    private bool _disposed;

    private LabNetwork(string runId, Scenario scenario)
    {
        RunId = runId;
        _scenario = scenario;
    }

    /// <summary>The run id every namespace name starts with.</summary>
    public string RunId { get; }

    /// <summary>Every namespace, in creation order.</summary>
    public IReadOnlyList<string> Namespaces => _namespaces;

    /// <summary>Every node interface.</summary>
    public IReadOnlyList<LabInterface> Interfaces => _interfaces;

    /// <summary>The segments.</summary>
    public IReadOnlyCollection<LabSegment> Segments => _segments.Values;

    /// <summary>Keep the namespaces at <see cref="Dispose"/> (<c>--keep</c>).</summary>
    public bool Keep { get; set; }

    /// <summary>The namespace of <paramref name="node"/>.</summary>
    public string NamespaceOf(string node) => _nodeNs[node];

    /// <summary>The segment called <paramref name="name"/>.</summary>
    public LabSegment Segment(string name) => _segments[name];

    /// <summary>The interface <paramref name="name"/> of <paramref name="node"/>.</summary>
    public LabInterface Interface(string node, string name) => _interfaces.First(i => i.Node == node && i.Name == name);

    /// <summary>Builds the network of <paramref name="scenario"/> with VIP routes for each segment's client.</summary>
    public static LabNetwork Build(string runId, Scenario scenario, RunLayout layout)
    {
        var net = new LabNetwork(runId, scenario);
        try
        {
            net.BuildAll(layout);
            return net;
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    private void BuildAll(RunLayout layout)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeSpec n in _scenario.Nodes)
        {
            foreach (InterfaceSpec i in n.Interfaces)
            {
                used.Add(i.Address.ToString());
            }
        }

        foreach ((string _, IPAddress vip) in layout.Clients)
        {
            used.Add(vip.ToString());
        }

        int s = 0;
        foreach (SegmentSpec seg in _scenario.Segments)
        {
            string ns = $"{RunId}-s{s}";
            AddNamespace(ns);
            Shell.Ip("-n", ns, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0");
            Shell.Ip("-n", ns, "link", "set", "br0", "up");
            string clientNs = $"{RunId}-c{s}";
            AddNamespace(clientNs);
            InterfaceSpec? any = _scenario.Nodes.SelectMany(n => n.Interfaces).FirstOrDefault(i => i.Segment == seg.Name);
            (IPAddress clientAddress, int prefix) = ClientAddress(any, used, s);
            string port = "cl" + s;
            Shell.Ip("link", "add", "eth0", "netns", clientNs, "type", "veth", "peer", "name", port, "netns", ns);
            Shell.Ip("-n", clientNs, "addr", "add", $"{clientAddress}/{prefix}", "dev", "eth0");
            Shell.Ip("-n", clientNs, "link", "set", "eth0", "up");
            Shell.Ip("-n", ns, "link", "set", port, "master", "br0");
            Shell.Ip("-n", ns, "link", "set", port, "up");
            foreach ((string segment, IPAddress vip) in layout.Clients)
            {
                if (segment == seg.Name)
                {
                    // On-link host routes: the client resolves each VIP on its segment whatever its subnet.
                    string family = vip.AddressFamily == AddressFamily.InterNetworkV6 ? "-6" : "-4";
                    Shell.Run("ip", family, "-n", clientNs, "route", "add", vip.ToString(), "dev", "eth0");
                }
            }

            _segments[seg.Name] = new LabSegment(seg.Name, ns, clientNs, clientAddress, port);
            s++;
        }

        int nodeIndex = 0;
        foreach (NodeSpec node in _scenario.Nodes)
        {
            string ns = $"{RunId}-n{nodeIndex}";
            AddNamespace(ns);
            _nodeNs[node.Name] = ns;
            int j = 0;
            foreach (InterfaceSpec i in node.Interfaces)
            {
                LabSegment seg = _segments[i.Segment];
                string port = $"n{nodeIndex}p{j}";
                Shell.Ip("link", "add", i.Name, "netns", ns, "type", "veth", "peer", "name", port, "netns", seg.Namespace);
                Shell.Ip("-n", ns, "addr", "add", $"{i.Address}/{i.PrefixLength}", "dev", i.Name);
                Shell.Ip("-n", ns, "link", "set", i.Name, "up");
                Shell.Ip("-n", seg.Namespace, "link", "set", port, "master", "br0");
                Shell.Ip("-n", seg.Namespace, "link", "set", port, "up");
                string link = Shell.Ip("-n", ns, "-o", "link", "show", "dev", i.Name);
                Match m = MacPattern().Match(link);
                if (!m.Success)
                {
                    throw new LabException($"no MAC for {i.Name} in {ns}: {link.Trim()}");
                }

                _interfaces.Add(new LabInterface(node.Name, i.Name, i.Segment, i.Address, i.PrefixLength, m.Groups[1].Value.ToLowerInvariant(), port));
                j++;
            }

            AddMulticastRoute(node.Name);
            nodeIndex++;
        }

        // Latency and jitter: the relays start before anything is sent.
        StartRelays();

        // A segment's own loss (the network section) holds from the start.
        foreach (SegmentSpec seg in _scenario.Segments.Where(seg => seg.Loss.PartsPerMillion > 0))
        {
            SetLoss(seg.Name, seg.Loss);
        }
    }

    /// <summary>
    /// The client's address: the highest free host address of the first node's subnet on the segment
    /// (e.g. .254 of a /24), or 198.18.S.1/24 for a segment without nodes.
    /// </summary>
    private static (IPAddress, int) ClientAddress(InterfaceSpec? any, HashSet<string> used, int s)
    {
        if (any is null || any.Address.AddressFamily != AddressFamily.InterNetwork || any.PrefixLength > 30)
        {
            return (IPAddress.Parse($"198.18.{s}.1"), 24);
        }

        byte[] b = any.Address.GetAddressBytes();
        uint a = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
        uint mask = any.PrefixLength == 0 ? 0 : uint.MaxValue << (32 - any.PrefixLength);
        uint broadcast = (a & mask) | ~mask;
        for (uint c = broadcast - 1; c > (a & mask); c--)
        {
            var ip = new IPAddress([(byte)(c >> 24), (byte)(c >> 16), (byte)(c >> 8), (byte)c]);
            if (!used.Contains(ip.ToString()))
            {
                used.Add(ip.ToString());
                return (ip, any.PrefixLength);
            }
        }

        throw new LabException($"no free address for the client in {any.Address}/{any.PrefixLength}");
    }

    /// <summary>Multicast (224.0.0.18) leaves through the node's first interface even for sockets that pick none.</summary>
    private void AddMulticastRoute(string node)
    {
        LabInterface? first = _interfaces.FirstOrDefault(i => i.Node == node);
        if (first is not null)
        {
            Shell.Run("ip", "-n", _nodeNs[node], "route", "replace", "224.0.0.0/4", "dev", first.Name);
        }
    }

    /// <summary>Carrier of a node's interface: its bridge port goes down or up.</summary>
    public void SetLink(string node, string iface, bool up)
    {
        LabInterface i = Interface(node, iface);
        Shell.Ip("-n", _segments[i.Segment].Namespace, "link", "set", i.Port, up ? "up" : "down");
    }

    /// <summary>
    /// A host powers off (<paramref name="up"/> false: every interface down, every address but its own
    /// removed) or on (interfaces up, its address and multicast route back).
    /// </summary>
    public void SetHost(string node, bool up)
    {
        string ns = _nodeNs[node];
        foreach (LabInterface i in _interfaces.Where(i => i.Node == node))
        {
            if (!up)
            {
                Shell.Run("ip", "-n", ns, "link", "set", i.Name, "down");
                Shell.Run("ip", "-n", ns, "addr", "flush", "dev", i.Name);
            }
            else
            {
                Shell.Run("ip", "-n", ns, "addr", "replace", $"{i.Address}/{i.PrefixLength}", "dev", i.Name);
                Shell.Ip("-n", ns, "link", "set", i.Name, "up");
            }
        }

        if (up)
        {
            AddMulticastRoute(node);
        }
    }

    /// <summary>Kills what runs in the namespaces and deletes them (unless <see cref="Keep"/>). Never throws.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DropPendingFilters();
        StopRelays();
        if (Keep)
        {
            return;
        }

        foreach (string ns in Enumerable.Reverse(_namespaces))
        {
            LabHygiene.DeleteNamespace(ns);
        }
    }

    private void AddNamespace(string name)
    {
        Shell.Ip("netns", "add", name);
        _namespaces.Add(name);
        Shell.Ip("-n", name, "link", "set", "lo", "up");
    }

    [GeneratedRegex(@"link/ether ([0-9a-fA-F:]{17})")]
    private static partial Regex MacPattern();
}
