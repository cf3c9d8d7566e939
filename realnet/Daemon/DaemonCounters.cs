using VrrpLab.Engine.Wire;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// What the daemon has done and received since it started (logged at shutdown). The receive threads
/// count datagrams and their early drops (thread-safe, no allocation); the event loop counts the rest.
/// Datagrams the kernel's socket filter dropped never reach the daemon and are not counted.
/// </summary>
public sealed class DaemonCounters
{
    private readonly long[] _screened = new long[Enum.GetValues<AdvertDropReason>().Length];
    private long _received;
    private long _malformed;
    private long _fromOwnAddress;
    private long _droppedByEngine;
    private long _floodNaps;

    /// <summary>VRRP datagrams read from the sockets (after the kernel's filter).</summary>
    public long DatagramsReceived { get => Interlocked.Read(ref _received); set => Interlocked.Exchange(ref _received, value); }

    /// <summary>Datagrams whose IP header (or IPv6 ancillary data) could not be read, or that were truncated.</summary>
    public long MalformedDatagrams { get => Interlocked.Read(ref _malformed); set => Interlocked.Exchange(ref _malformed, value); }

    /// <summary>Adverts sent.</summary>
    public long AdvertsSent { get; set; }

    /// <summary>Adverts that could not be sent.</summary>
    public long SendErrors { get; set; }

    /// <summary>Gratuitous ARPs sent.</summary>
    public long GratuitousArpsSent { get; set; }

    /// <summary>Received adverts the engine discarded, by reason (event loop only: read it after the loop stopped).</summary>
    public SortedDictionary<AdvertDropReason, long> Drops { get; } = [];

    /// <summary>The total of <see cref="Drops"/>, readable from any thread.</summary>
    public long DroppedByEngine => Interlocked.Read(ref _droppedByEngine);

    /// <summary>Counts one drop decided by the engine (event loop only).</summary>
    public void CountEngineDrop(AdvertDropReason reason)
    {
        Drops[reason] = Drops.GetValueOrDefault(reason) + 1;
        Interlocked.Increment(ref _droppedByEngine);
    }

    /// <summary>
    /// Received packets claiming one of this host's own addresses as source. Multicast loopback is
    /// off, so our own adverts never come back: these are spoofed (or a duplicate address).
    /// </summary>
    public long FromOwnAddress { get => Interlocked.Read(ref _fromOwnAddress); set => Interlocked.Exchange(ref _fromOwnAddress, value); }

    /// <summary>Times a receive thread napped 1 ms during a flood to read the next datagrams as a batch.</summary>
    public long FloodNaps => Interlocked.Read(ref _floodNaps);

    /// <summary>Counts one flood nap.</summary>
    public void CountFloodNap() => Interlocked.Increment(ref _floodNaps);

    /// <summary>Counts one datagram read by a receive thread.</summary>
    public void CountReceived() => Interlocked.Increment(ref _received);

    /// <summary>Counts one unreadable datagram.</summary>
    public void CountMalformed() => Interlocked.Increment(ref _malformed);

    /// <summary>Counts one packet from our own address.</summary>
    public void CountFromOwnAddress() => Interlocked.Increment(ref _fromOwnAddress);

    /// <summary>Counts a datagram a receive thread dropped on the engine's screen without queueing it.</summary>
    public void CountScreened(AdvertDropReason reason) => Interlocked.Increment(ref _screened[(int)reason]);

    /// <summary>Datagrams dropped on the screen for <paramref name="reason"/>.</summary>
    public long Screened(AdvertDropReason reason) => Interlocked.Read(ref _screened[(int)reason]);

    /// <summary>One line, e.g. <c>received 120, malformed 0, dropped 3 (BadTtl 3), sent 118 adverts, 10 GARPs</c>.</summary>
    public string Summary()
    {
        var byReason = new SortedDictionary<AdvertDropReason, long>(Drops);
        foreach (AdvertDropReason r in Enum.GetValues<AdvertDropReason>())
        {
            long n = Screened(r);
            if (n > 0 && r != AdvertDropReason.OwnAddress)
            {
                byReason[r] = byReason.GetValueOrDefault(r) + n;
            }
        }

        long own = FromOwnAddress;
        long dropped = byReason.Values.Sum() + own;
        IEnumerable<string> parts = byReason.Select(d => $"{d.Key} {d.Value}");
        if (own > 0)
        {
            parts = parts.Append($"FromOwnAddress {own}");
        }

        string reasons = dropped == 0 ? "" : " (" + string.Join(", ", parts) + ")";
        if (FloodNaps > 0)
        {
            reasons += $", {FloodNaps} flood naps";
        }

        return $"received {DatagramsReceived}, malformed {MalformedDatagrams}, dropped {dropped}{reasons}, " +
            $"sent {AdvertsSent} adverts ({SendErrors} errors), {GratuitousArpsSent} gratuitous ARPs";
    }
}
