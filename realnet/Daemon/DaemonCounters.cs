using VrrpLab.Engine.Wire;

namespace VrrpLab.RealNet.Daemon;

/// <summary>What the daemon has done and received since it started (logged at shutdown).</summary>
public sealed class DaemonCounters
{
    /// <summary>VRRP datagrams received (well-formed IPv4, protocol 112).</summary>
    public long DatagramsReceived { get; set; }

    /// <summary>Datagrams whose IP header could not be read.</summary>
    public long MalformedDatagrams { get; set; }

    /// <summary>Adverts sent.</summary>
    public long AdvertsSent { get; set; }

    /// <summary>Adverts that could not be sent.</summary>
    public long SendErrors { get; set; }

    /// <summary>Gratuitous ARPs sent.</summary>
    public long GratuitousArpsSent { get; set; }

    /// <summary>Received adverts the engine discarded, by reason.</summary>
    public SortedDictionary<AdvertDropReason, long> Drops { get; } = [];

    /// <summary>
    /// Received packets claiming one of this host's own addresses as source. Multicast loopback is
    /// off, so our own adverts never come back: these are spoofed (or a duplicate address).
    /// </summary>
    public long FromOwnAddress { get; set; }

    /// <summary>One line, e.g. <c>received 120, malformed 0, dropped 3 (BadTtl 3), sent 118 adverts, 10 GARPs</c>.</summary>
    public string Summary()
    {
        long dropped = Drops.Values.Sum() + FromOwnAddress;
        IEnumerable<string> parts = Drops.Select(d => $"{d.Key} {d.Value}");
        if (FromOwnAddress > 0)
        {
            parts = parts.Append($"FromOwnAddress {FromOwnAddress}");
        }

        string reasons = dropped == 0 ? "" : " (" + string.Join(", ", parts) + ")";
        return $"received {DatagramsReceived}, malformed {MalformedDatagrams}, dropped {dropped}{reasons}, " +
            $"sent {AdvertsSent} adverts ({SendErrors} errors), {GratuitousArpsSent} gratuitous ARPs";
    }
}
