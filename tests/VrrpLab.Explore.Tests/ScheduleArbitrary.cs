namespace VrrpLab.Explore.Tests;

/// <summary>
/// A <see cref="ScheduleGen"/> as an FsCheck <see cref="Arbitrary{T}"/>: FsCheck draws the seed, the
/// generator builds the schedule from it, and the shrinker is the one <c>vrrplab explore</c> shrinks with.
/// (FsCheck stays out of the production assembly: its FSharp.Core cannot be analysed for NativeAOT.)
/// </summary>
public static class ScheduleArbitrary
{
    /// <summary>Generator and shrinker of <paramref name="gen"/>.</summary>
    public static Arbitrary<Schedule> For(ScheduleGen gen) =>
        Arb.From(
            from hi in Gen.Choose(int.MinValue, int.MaxValue)
            from lo in Gen.Choose(int.MinValue, int.MaxValue)
            select gen.Generate(((ulong)(uint)hi << 32) | (uint)lo),
            ScheduleGen.Shrink);
}
