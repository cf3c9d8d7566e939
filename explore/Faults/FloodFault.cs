using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>
/// An extra host on <see cref="Segment"/> sends <see cref="Rate"/> VRRP datagrams a second naming
/// <see cref="Vrid"/> (of <see cref="Flood"/>: garbage, a wrong password or the wrong version) for the
/// fault's length: the simulator's <c>flood</c> action, which ends by itself.
/// </summary>
public sealed record FloodFault(long AtUs, long ForUs, string Segment, byte Vrid, int Rate, FloodKind Flood) : Fault(AtUs, ForUs)
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Flood;

    /// <inheritdoc/>
    public override string Resource => "flood:" + Segment;

    /// <inheritdoc/>
    public override TimelineAction Begin() => new FloodAction(Segment, Vrid, Rate, Duration.FromMicroseconds(ForUs), Flood);

    /// <inheritdoc/>
    public override TimelineAction? Undo() => null;

    /// <summary>Garbage is the plainest flood; then fewer datagrams a second (one a second at least).</summary>
    public override IEnumerable<Fault> Simpler()
    {
        if (Flood != FloodKind.Garbage)
        {
            yield return this with { Flood = FloodKind.Garbage };
        }

        if (Rate > 1)
        {
            yield return this with { Rate = Math.Max(1, Rate / 10) };
        }
    }
}
