namespace VrrpLab.Report.Timeline;

/// <summary>What a segment's client experienced of one VIP in one run: which host it reached when, and its outages.</summary>
internal sealed class ClientLane(int run, string client, string address)
{
    /// <summary>Index of the run in its figure.</summary>
    public int Run { get; } = run;

    /// <summary>The client (<c>client@SEGMENT</c>).</summary>
    public string Client { get; } = client;

    /// <summary>The VIP.</summary>
    public string Address { get; } = address;

    /// <summary>Intervals in which the client reached the VIP (<c>Text</c>: the host it reached).</summary>
    public List<Bar> Reached { get; } = [];

    /// <summary>Intervals after the first acquisition in which it could not (<c>Text</c>: the host its ARP entry pointed to, or empty).</summary>
    public List<Bar> Outages { get; } = [];
}
