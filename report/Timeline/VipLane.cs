namespace VrrpLab.Report.Timeline;

/// <summary>Who held one virtual address in one run: one bar per set of holders (none: no bar).</summary>
internal sealed class VipLane(int run, string address)
{
    /// <summary>Index of the run in its figure.</summary>
    public int Run { get; } = run;

    /// <summary>The VIP.</summary>
    public string Address { get; } = address;

    /// <summary>Holder sets (<c>Text</c>: node names joined by <c>+</c>, sorted ordinally) in time order.</summary>
    public List<Bar> Holders { get; } = [];
}
