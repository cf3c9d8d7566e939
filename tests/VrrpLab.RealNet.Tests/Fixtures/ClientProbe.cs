namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>What a client on the LAN sees of a virtual address: its neighbour entry, ARP replies, pings.</summary>
public sealed partial class ClientProbe(LanHost client)
{
    /// <summary>The client host.</summary>
    public LanHost Client { get; } = client;

    /// <summary>The MAC of <paramref name="address"/> in the client's neighbour table (<c>ip neigh</c>), or null.</summary>
    public string? NeighbourMac(IPAddress address)
    {
        string text = Shell.Ip("-n", Client.Namespace, "neigh", "show", address.ToString(), "dev", Client.Interface);
        Match m = LladdrPattern().Match(text);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>Asks for <paramref name="address"/> with one ARP request (<c>arping</c>); the MAC that answered, or null.</summary>
    public string? ArpingMac(IPAddress address)
    {
        CommandResult r = Client.Exec("arping", ["-c", "1", "-w", "2", "-I", Client.Interface, address.ToString()], TimeSpan.FromSeconds(5));
        Match m = ArpReplyPattern().Match(r.StdOut);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>True when <paramref name="address"/> answers at least one of <paramref name="count"/> pings.</summary>
    public bool Ping(IPAddress address, int count = 3)
    {
        CommandResult r = Client.Exec("ping", ["-n", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "1", address.ToString()], TimeSpan.FromSeconds(count + 5));
        return r.Succeeded;
    }

    [GeneratedRegex(@"lladdr ([0-9a-fA-F:]{17})")]
    private static partial Regex LladdrPattern();

    [GeneratedRegex(@"reply from [0-9.]+ \[([0-9a-fA-F:]{17})\]")]
    private static partial Regex ArpReplyPattern();
}
