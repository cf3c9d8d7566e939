using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using VrrpLab.Engine.Time;

namespace VrrpLab.Sim.Faults;

/// <summary>One VIP through one fault case, from its clients' view.</summary>
/// <param name="Vip">The virtual address.</param>
/// <param name="HolderBefore">The host holding it when the first fault started.</param>
/// <param name="TakenOverBy">The first other host to add it after the first fault started.</param>
/// <param name="TakeoverUs">How long after the first fault's onset that happened.</param>
/// <param name="OutageUs">The longest interval after the onset during which a client could not reach it (0: none).</param>
/// <param name="OutageStartUs">When that interval began.</param>
/// <param name="HealOutageUs">The longest outage that began once the faults started to heal (a stale neighbour entry after a split brain, ...).</param>
/// <param name="Moves">Changes of its single holder after the onset.</param>
/// <param name="HoldersDuring">The hosts holding it just before the first recovery (every fault in effect).</param>
/// <param name="FinalHolders">The hosts holding it at the end.</param>
/// <param name="Status">The verdict for this VIP.</param>
/// <param name="Problem">Why it is not <see cref="FaultStatus.Ok"/>, in a few words.</param>
public sealed record VipOutcome(
    IPAddress Vip,
    string? HolderBefore,
    string? TakenOverBy,
    long? TakeoverUs,
    long OutageUs,
    long? OutageStartUs,
    long HealOutageUs,
    int Moves,
    ImmutableArray<string> HoldersDuring,
    ImmutableArray<string> FinalHolders,
    FaultStatus Status,
    string? Problem)
{
    /// <summary><c>VIP 10.0.0.100: lb2 takes over in 3.414162s, client outage 3.414262s, 2 moves, final holder lb1</c>.</summary>
    public string Describe()
    {
        string takeover = TakenOverBy is null
            ? HolderBefore is null ? "nobody held it" : $"{HolderBefore} keeps it"
            : $"{TakenOverBy} takes over in {Duration.FormatSeconds(TakeoverUs!.Value)}";
        string outage = OutageUs == 0 ? "no client outage" : $"client outage {Duration.FormatSeconds(OutageUs)}";
        if (HealOutageUs > 0)
        {
            outage += $" (after the heal: {Duration.FormatSeconds(HealOutageUs)})";
        }

        string moves = Moves == 1 ? "1 move" : Moves.ToString(CultureInfo.InvariantCulture) + " moves";
        string final = FinalHolders.Length switch
        {
            0 => "final holder none",
            1 => "final holder " + FinalHolders[0],
            _ => "final holders " + string.Join(" and ", FinalHolders),
        };
        return $"VIP {Vip}: {takeover}, {outage}, {moves}, {final}" + (Problem is null ? "" : $" ({Problem})");
    }
}
