namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// A client pinging an address every 10 ms (<c>ping -D -i 0.01</c>) and recording the wall-clock time of
/// every echo reply (ping's own <c>-D</c> stamp, so pipe buffering cannot delay it). Measures what a
/// user sees of a failover: the first reply after the outage.
/// </summary>
public sealed partial class PingRecorder : IDisposable
{
    private readonly List<DateTimeOffset> _replies = [];
    private readonly List<(int Sequence, DateTimeOffset At)> _sequenced = [];
    private readonly Lock _gate = new();
    private readonly Process _ping;

    private PingRecorder(LanHost client, IPAddress address, TimeSpan maxDuration)
    {
        string deadline = ((int)Math.Ceiling(maxDuration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        _ping = BackgroundProcess.StartIn(client.Namespace, ["ping", "-D", "-n", "-i", "0.01", "-W", "1", "-w", deadline, address.ToString()], OnLine);
    }

    /// <summary>Starts pinging <paramref name="address"/> from <paramref name="client"/>; stops after <paramref name="maxDuration"/> at the latest.</summary>
    public static PingRecorder Start(LanHost client, IPAddress address, TimeSpan maxDuration) => new(client, address, maxDuration);

    /// <summary>The reply times so far.</summary>
    public IReadOnlyList<DateTimeOffset> Replies
    {
        get
        {
            lock (_gate)
            {
                return _replies.ToArray();
            }
        }
    }

    /// <summary>
    /// The ICMP sequence numbers answered after <paramref name="from"/> and the echo requests of that span
    /// that were never answered (gaps in the answered sequence): lost packets, whatever the scheduling of
    /// ping itself on a loaded machine.
    /// </summary>
    public (int Answered, IReadOnlyList<int> Lost) Losses(DateTimeOffset from, DateTimeOffset to)
    {
        List<int> seqs;
        lock (_gate)
        {
            seqs = _sequenced.Where(r => r.At >= from && r.At <= to).Select(r => r.Sequence).Order().ToList();
        }

        var lost = new List<int>();
        for (int k = 1; k < seqs.Count; k++)
        {
            for (int missing = seqs[k - 1] + 1; missing < seqs[k]; missing++)
            {
                lost.Add(missing);
            }
        }

        return (seqs.Count, lost);
    }

    /// <summary>
    /// The first reply after <paramref name="from"/> that ends an outage of at least <paramref name="minimumGap"/>
    /// (replies just after <paramref name="from"/>, before the old holder let go, are skipped); null if none yet.
    /// </summary>
    public DateTimeOffset? FirstReplyAfterOutage(DateTimeOffset from, TimeSpan minimumGap)
    {
        IReadOnlyList<DateTimeOffset> replies = Replies;
        DateTimeOffset previous = from;
        foreach (DateTimeOffset r in replies.Where(r => r > from))
        {
            if (r - previous >= minimumGap)
            {
                return r;
            }

            previous = r;
        }

        return null;
    }

    /// <summary>Stops ping. Never throws.</summary>
    public void Dispose()
    {
        BackgroundProcess.Stop(_ping, Libc.SigKill);
        _ping.Dispose();
    }

    private void OnLine(string line)
    {
        Match m = ReplyPattern().Match(line);
        if (m.Success)
        {
            double unix = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            DateTimeOffset at = DateTimeOffset.UnixEpoch.AddTicks((long)(unix * TimeSpan.TicksPerSecond));
            Match seq = SequencePattern().Match(line);
            lock (_gate)
            {
                _replies.Add(at);
                if (seq.Success)
                {
                    _sequenced.Add((int.Parse(seq.Groups[1].Value, CultureInfo.InvariantCulture), at));
                }
            }
        }
    }

    [GeneratedRegex(@"^\[(\d+\.\d+)\] \d+ bytes from")]
    private static partial Regex ReplyPattern();

    [GeneratedRegex(@"icmp_seq=(\d+)")]
    private static partial Regex SequencePattern();
}
