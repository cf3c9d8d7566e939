namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// Two VRRP peers sharing one virtual address on a fresh <see cref="NamespaceLan"/> (hosts h1 and h2,
/// a client, and a spare host x for spoofing), the higher-priority one on h1. Disposing it stops the
/// peers and deletes the LAN, whatever happened.
/// </summary>
public sealed partial class PeerPair : IDisposable
{
    /// <summary>
    /// How long any single step (start, exit, reload, takeover) may take beyond its protocol time before
    /// the test gives up waiting. A bound on a wait, not a timing check (those compare measured times): on
    /// a machine at load 30-40 a JIT daemon's start-up or first reload took over 5 s (CI on 2026-12-06),
    /// so it is generous; a step that never happens still fails.
    /// </summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    private PeerPair(NamespaceLan lan, VrrpPeer high, VrrpInstanceSpec highSpec, VrrpPeer low, VrrpInstanceSpec lowSpec)
    {
        Lan = lan;
        High = high;
        HighSpec = highSpec;
        Low = low;
        LowSpec = lowSpec;
        Client = new ClientProbe(lan["client"]);
    }

    /// <summary>The LAN.</summary>
    public NamespaceLan Lan { get; }

    /// <summary>The higher-priority peer (on h1).</summary>
    public VrrpPeer High { get; }

    /// <summary>Its instance.</summary>
    public VrrpInstanceSpec HighSpec { get; }

    /// <summary>The lower-priority peer (on h2).</summary>
    public VrrpPeer Low { get; }

    /// <summary>Its instance.</summary>
    public VrrpInstanceSpec LowSpec { get; }

    /// <summary>The client host's view.</summary>
    public ClientProbe Client { get; }

    /// <summary>The spare host for spoofed traffic.</summary>
    public LanHost Spare => Lan["x"];

    /// <summary>The shared virtual address.</summary>
    public IPAddress Vip => HighSpec.VirtualAddress;

    /// <summary>The instance name both use.</summary>
    public string Instance => HighSpec.Name;

    /// <summary>
    /// keepalived's and vrrplab's lines for an advert they rejected as invalid (TTL, auth, checksum,
    /// interval, version, length). <see cref="RejectedAdverts"/> leaves out a lower-priority advert that a
    /// preempting BACKUP discards: that one was valid.
    /// </summary>
    public static Regex RejectedAdvertLine { get; } = RejectedPattern();

    /// <summary>Builds the LAN and the two peers; nothing runs yet.</summary>
    public static PeerPair Create(PeerKind highKind, VrrpInstanceSpec highSpec, PeerKind lowKind, VrrpInstanceSpec lowSpec)
    {
        NamespaceLan lan = NamespaceLan.Create("h1", "h2", "client", "x");
        try
        {
            VrrpPeer high = VrrpPeer.Create(highKind, lan["h1"], "h1-" + highKind.ToString().ToLowerInvariant(), lan.WorkDirectory);
            VrrpPeer low = VrrpPeer.Create(lowKind, lan["h2"], "h2-" + lowKind.ToString().ToLowerInvariant(), lan.WorkDirectory);
            return new PeerPair(lan, high, highSpec, low, lowSpec);
        }
        catch
        {
            lan.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs an election: starts the high peer, and once it is BACKUP the low one, then waits until the
    /// high one holds the address (both are BACKUP meanwhile; the high one's shorter Master_Down_Interval
    /// and earlier start make it the one to time out first).
    /// </summary>
    public void StartAndElect()
    {
        StartHigh();
        Low.Start(LowSpec.ToConfig("h2"));
        Low.WaitForBackup(Instance, Slack);
        WaitForHolder(High, HighSpec.MasterDownInterval + Slack, "the election");
    }

    /// <summary>(Re)starts the high peer and waits for it to enter BACKUP.</summary>
    public void StartHigh()
    {
        High.Start(HighSpec.ToConfig("h1"));
        High.WaitForBackup(Instance, Slack);
    }

    /// <summary>The peer whose host carries the VIP alone; null when none or both do.</summary>
    public VrrpPeer? SoleHolder()
    {
        bool h = High.Host.Holds(Vip);
        bool l = Low.Host.Holds(Vip);
        return h == l ? null : h ? High : Low;
    }

    /// <summary>Waits (bounded) until <paramref name="peer"/> alone holds the VIP; returns when it did.</summary>
    public TimeSpan WaitForHolder(VrrpPeer peer, TimeSpan timeout, string during) =>
        Eventually.Until(() => SoleHolder() == peer, timeout, $"{peer.Describe()} alone to hold {Vip} ({during})", Diagnostics);

    /// <summary>
    /// Waits (bounded) until <paramref name="peer"/>'s host carries the VIP, whatever the other host has (a
    /// crashed peer's VIP stays on its interface); returns when it did.
    /// </summary>
    public TimeSpan WaitForAnyHold(VrrpPeer peer, TimeSpan timeout, string during) =>
        Eventually.Until(() => peer.Host.Holds(Vip), timeout, $"{peer.Describe()} to hold {Vip} ({during})", Diagnostics);

    /// <summary>Both logs' tails and the address state, for failure messages.</summary>
    public string Diagnostics() =>
        $"h1 holds VIP: {High.Host.Holds(Vip)}, h2 holds VIP: {Low.Host.Holds(Vip)}\n" +
        $"--- {High.Describe()} ---\n{High.Log.Tail(30)}\n--- {Low.Describe()} ---\n{Low.Log.Tail(30)}";

    /// <summary>The lines of <paramref name="peer"/> that report a rejected advert.</summary>
    public static IReadOnlyList<LogLine> RejectedAdverts(VrrpPeer peer, int mark = 0) =>
        peer.Log.Since(mark)
            .Where(l => RejectedAdvertLine.IsMatch(l.Text) && !l.Text.Contains("lower priority", StringComparison.OrdinalIgnoreCase))
            .ToList();

    /// <summary>Stops both peers (SIGKILL if still running) and deletes the LAN. Never throws.</summary>
    public void Dispose()
    {
        High.Dispose();
        Low.Dispose();
        Lan.Dispose();
    }

    [GeneratedRegex(@"(?i)invalid|mismatch|checksum|passw|malformed|dropp|discard|\bTTL\b")]
    private static partial Regex RejectedPattern();
}
