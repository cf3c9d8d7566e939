using System.Collections.Immutable;

namespace VrrpLab.Explore.Running;

/// <summary>
/// The smallest failing schedule found for one property: the run it was found in, how far it
/// shrank, the violation in words, the scenario file that replays it and its timeline.
/// </summary>
/// <param name="Property">The violated property.</param>
/// <param name="Run">The index of the run that first failed it (the lowest index over all shards).</param>
/// <param name="RunSeed">That run's seed.</param>
/// <param name="OriginalActions">Timeline actions of the run as generated.</param>
/// <param name="Actions">Timeline actions after shrinking.</param>
/// <param name="ShrinkRuns">Runs spent shrinking.</param>
/// <param name="DurationUs">Simulated length of the shrunk scenario.</param>
/// <param name="Evidence">The property's verdict on the shrunk scenario.</param>
/// <param name="FileName">The scenario file's name (written into the output folder).</param>
/// <param name="Yaml">The scenario file.</param>
/// <param name="Timeline">The shrunk run's timeline (actions, state and VIP changes around the violation).</param>
public sealed record Counterexample(
    string Property,
    long Run,
    ulong RunSeed,
    int OriginalActions,
    int Actions,
    int ShrinkRuns,
    long DurationUs,
    string Evidence,
    string FileName,
    string Yaml,
    ImmutableArray<string> Timeline);
