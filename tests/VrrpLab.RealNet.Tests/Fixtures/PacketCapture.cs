namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// tcpdump on one bridge port (in the bridge namespace, so it sees exactly what the host put on its
/// cable), then tshark to dissect the file.
/// </summary>
public sealed class PacketCapture : IDisposable
{
    private readonly ProcessLog _log = new();
    private readonly Process _tcpdump;

    private PacketCapture(string file, string bridgeNamespace, string port, string filter)
    {
        FilePath = file;
        _tcpdump = BackgroundProcess.StartIn(bridgeNamespace, ["tcpdump", "-i", port, "-n", "-U", "--immediate-mode", "-w", file, filter], _log.Add);
    }

    /// <summary>The pcap file.</summary>
    public string FilePath { get; }

    /// <summary>Starts capturing VRRP (IP protocol 112) on <paramref name="host"/>'s bridge port; returns once tcpdump listens.</summary>
    public static PacketCapture Start(NamespaceLan lan, LanHost host, string filter = "ip proto 112")
    {
        string file = Path.Combine(lan.WorkDirectory, $"{host.Name}-{Environment.TickCount64}.pcap");
        return Listening(new PacketCapture(file, lan.BridgeNamespace, host.BridgePort, filter));
    }

    /// <summary>
    /// Starts capturing on <paramref name="host"/>'s own interface, inside its namespace: a packet it sends
    /// is seen as the sending thread hands it to the device, before the veth and the bridge (whose softirq
    /// work a loaded machine may defer). Returns once tcpdump listens.
    /// </summary>
    public static PacketCapture StartInHost(NamespaceLan lan, LanHost host, string filter = "ip proto 112")
    {
        string file = Path.Combine(lan.WorkDirectory, $"{host.Name}-own-{Environment.TickCount64}.pcap");
        return Listening(new PacketCapture(file, host.Namespace, host.Interface, filter));
    }

    /// <summary>Returns <paramref name="capture"/> once its tcpdump listens (10 s at most); disposes it if it never does.</summary>
    private static PacketCapture Listening(PacketCapture capture)
    {
        try
        {
            capture._log.WaitFor(new("listening on"), TimeSpan.FromSeconds(10), owner: "tcpdump");
        }
        catch
        {
            capture.Dispose();
            throw;
        }

        return capture;
    }

    /// <summary><see cref="StopAndDecode"/>, keeping the adverts <paramref name="sender"/> sent.</summary>
    public IReadOnlyList<DecodedAdvert> StopAndDecodeFrom(LanHost sender) =>
        StopAndDecode().Where(a => a.Source == sender.Address.ToString()).ToList();

    /// <summary>Stops tcpdump (SIGINT, so it flushes) and dissects the file with tshark.</summary>
    public IReadOnlyList<DecodedAdvert> StopAndDecode()
    {
        Stop();
        string[] fields =
        [
            "ip.src", "ip.dst", "ip.ttl", "eth.src", "vrrp.version", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.addr_count",
            "vrrp.adver_int", "vrrp.short_adver_int", "vrrp.ip_addr", "vrrp.auth_type", "vrrp.auth_string", "vrrp.checksum.status",
        ];
        var args = new List<string> { "-r", FilePath, "-n", "-o", "vrrp.v3_checksum_as_in_v2:FALSE", "-Y", "vrrp", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (string f in fields)
        {
            args.Add("-e");
            args.Add(f);
        }

        string text = Shell.Run("tshark", args, TimeSpan.FromSeconds(30)).EnsureSuccess().StdOut;
        var list = new List<DecodedAdvert>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] c = line.Split('\t');
            if (c.Length < fields.Length)
            {
                continue;
            }

            string interval = c[4] == "3" ? c[9] : c[8];
            list.Add(new DecodedAdvert(c[0], c[1], c[2], c[3].ToLowerInvariant(), c[4], c[5], c[6], c[7], interval, c[10], c[11], c[12], c[13]));
        }

        return list;
    }

    /// <summary>Stops tcpdump and returns the capture time of every frame matching the tshark <paramref name="displayFilter"/>.</summary>
    public IReadOnlyList<DateTimeOffset> StopAndReadFrameTimes(string displayFilter)
    {
        Stop();
        string text = Shell.Run("tshark", ["-r", FilePath, "-n", "-Y", displayFilter, "-T", "fields", "-e", "frame.time_epoch"], TimeSpan.FromSeconds(30))
            .EnsureSuccess().StdOut;
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => DateTimeOffset.UnixEpoch.AddTicks((long)(double.Parse(t, System.Globalization.CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond)))
            .ToList();
    }

    /// <summary>Stops tcpdump and returns (capture time, IP source) of every frame matching <paramref name="displayFilter"/>.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Source)> StopAndReadSources(string displayFilter)
    {
        Stop();
        string text = Shell.Run("tshark", ["-r", FilePath, "-n", "-Y", displayFilter, "-T", "fields", "-e", "frame.time_epoch", "-e", "ip.src"], TimeSpan.FromSeconds(60))
            .EnsureSuccess().StdOut;
        var list = new List<(DateTimeOffset, string)>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] c = line.Split('\t');
            if (c.Length >= 2)
            {
                list.Add((DateTimeOffset.UnixEpoch.AddTicks((long)(double.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond)), c[1].Trim()));
            }
        }

        return list;
    }

    /// <summary>Stops tcpdump if it still runs. Never throws.</summary>
    public void Dispose()
    {
        Stop();
        _tcpdump.Dispose();
    }

    private void Stop() => BackgroundProcess.Stop(_tcpdump, Libc.SigInt);
}
