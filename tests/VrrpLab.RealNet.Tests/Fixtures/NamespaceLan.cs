namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// A LAN made of network namespaces: a bridge <c>br0</c> in its own namespace, and one namespace per
/// host with an <c>eth0</c> veth whose peer is a port of the bridge. Hosts get 10.77.0.11, .12, ...
/// on 10.77.0.0/24. Nothing touches the machine's own interfaces. <see cref="Dispose"/> kills every
/// process still inside the namespaces and deletes them; <see cref="LeftoverCleaner"/> removes what a
/// crashed run left behind.
/// </summary>
public sealed class NamespaceLan : IDisposable
{
    /// <summary>Every namespace, work directory and pid file of these fixtures starts with this.</summary>
    public const string Prefix = "vln-";

    /// <summary>The LAN's IPv4 prefix length.</summary>
    public const int PrefixLength = 24;

    private static int _sequence;
    private readonly List<LanHost> _hosts = [];
    private readonly List<string> _namespaces = [];
    private bool _disposed;

    private NamespaceLan(string id)
    {
        Id = id;
        BridgeNamespace = id + "-br";
        WorkDirectory = Path.Combine(Path.GetTempPath(), id);
    }

    /// <summary>Unique id of this LAN: <c>vln-PID-N</c>.</summary>
    public string Id { get; }

    /// <summary>The namespace holding the bridge.</summary>
    public string BridgeNamespace { get; }

    /// <summary>A private directory for configs, pid files and captures; deleted with the LAN.</summary>
    public string WorkDirectory { get; }

    /// <summary>The hosts, in the order they were created.</summary>
    public IReadOnlyList<LanHost> Hosts => _hosts;

    /// <summary>The host named <paramref name="name"/>.</summary>
    public LanHost this[string name] => _hosts.Single(h => h.Name == name);

    /// <summary>Builds a LAN with one host per name (h1 gets 10.77.0.11, the next .12, ...).</summary>
    public static NamespaceLan Create(params string[] hostNames)
    {
        Prerequisites.Require();
        LeftoverCleaner.Clean();
        int n = Interlocked.Increment(ref _sequence);
        var lan = new NamespaceLan($"{Prefix}{Environment.ProcessId}-{n}");
        try
        {
            Directory.CreateDirectory(lan.WorkDirectory);
            lan.AddNamespace(lan.BridgeNamespace);
            Shell.Ip("-n", lan.BridgeNamespace, "link", "add", "br0", "type", "bridge");
            Shell.Ip("-n", lan.BridgeNamespace, "link", "set", "br0", "up");
            for (int i = 0; i < hostNames.Length; i++)
            {
                lan.AddHost(hostNames[i], IPAddress.Parse($"10.77.0.{11 + i}"));
            }

            return lan;
        }
        catch
        {
            lan.Dispose();
            throw;
        }
    }

    /// <summary>Connects or disconnects the host's cable: the bridge port goes up or down, so its eth0 loses carrier.</summary>
    public void SetCable(LanHost host, bool connected) =>
        Shell.Ip("-n", BridgeNamespace, "link", "set", host.BridgePort, connected ? "up" : "down");

    /// <summary>Kills any process left in the namespaces, deletes them and the work directory. Never throws.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (string ns in Enumerable.Reverse(_namespaces))
        {
            VrrpLab.Lab.Host.LabHygiene.DeleteNamespace(ns);
        }

        VrrpLab.Lab.Host.LabHygiene.DeleteDirectory(WorkDirectory);
    }

    private void AddNamespace(string name)
    {
        Shell.Ip("netns", "add", name);
        _namespaces.Add(name);
        Shell.Ip("-n", name, "link", "set", "lo", "up");
    }

    private void AddHost(string name, IPAddress address)
    {
        string ns = $"{Id}-{name}";
        string port = "p-" + name;
        AddNamespace(ns);
        Shell.Ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", BridgeNamespace);
        Shell.Ip("-n", ns, "addr", "add", $"{address}/{PrefixLength}", "dev", "eth0");
        Shell.Ip("-n", ns, "link", "set", "eth0", "up");
        // Multicast (224.0.0.18) leaves through eth0 even for raw sockets that pick no interface.
        Shell.Ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", "eth0");
        Shell.Ip("-n", BridgeNamespace, "link", "set", port, "master", "br0");
        Shell.Ip("-n", BridgeNamespace, "link", "set", port, "up");
        string link = Shell.Ip("-n", ns, "-o", "link", "show", "dev", "eth0");
        string mac = ParseMac(link) ?? throw new FixtureException($"no MAC for eth0 in {ns}: {link}");
        _hosts.Add(new LanHost(name, ns, "eth0", address, mac, port));
    }

    private static string? ParseMac(string ipLinkOutput)
    {
        string[] parts = ipLinkOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int i = Array.IndexOf(parts, "link/ether");
        return i >= 0 && i + 1 < parts.Length ? parts[i + 1].ToLowerInvariant() : null;
    }
}
