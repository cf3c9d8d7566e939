namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>One host of a <see cref="NamespaceLan"/>: a network namespace with one interface on the LAN.</summary>
/// <param name="Name">Short name (h1, h2, client...).</param>
/// <param name="Namespace">The network namespace name.</param>
/// <param name="Interface">The host's LAN interface inside its namespace (<c>eth0</c>).</param>
/// <param name="Address">The host's primary IPv4 address (/24).</param>
/// <param name="Mac">The interface's MAC, lower case with colons.</param>
/// <param name="BridgePort">The veth end on the bridge (in the bridge namespace): the host's "cable".</param>
public sealed record LanHost(string Name, string Namespace, string Interface, IPAddress Address, string Mac, string BridgePort)
{
    /// <summary>The IPv4 addresses on the host's LAN interface now (<c>ip -n NS -4 addr show dev eth0</c>).</summary>
    public IReadOnlyList<IPAddress> Addresses()
    {
        string text = Shell.Ip("-n", Namespace, "-4", "-o", "addr", "show", "dev", Interface);
        var list = new List<IPAddress>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int inet = Array.IndexOf(parts, "inet");
            if (inet >= 0 && inet + 1 < parts.Length && IPAddress.TryParse(parts[inet + 1].Split('/')[0], out IPAddress? a))
            {
                list.Add(a);
            }
        }

        return list;
    }

    /// <summary>True when <paramref name="address"/> is on the host's LAN interface.</summary>
    public bool Holds(IPAddress address) => Addresses().Contains(address);

    /// <summary>Runs <paramref name="file"/> inside the host's namespace (<c>ip netns exec</c>).</summary>
    public CommandResult Exec(string file, IEnumerable<string> args, TimeSpan? timeout = null) =>
        Shell.Run("ip", new[] { "netns", "exec", Namespace, file }.Concat(args), timeout);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Address}, {Mac})";
}
